import type { FastifyInstance } from 'fastify';
import httpProxy from '@fastify/http-proxy';
import { SERVICE_TOKEN_HEADER } from '@profila/platform';
import { type GatewayEnv, ROUTED_SERVICES, serviceUrl } from '../config/gateway.env.js';

/** Headers a browser must never be able to set on a request to a service. */
const INTERNAL_HEADERS = [SERVICE_TOKEN_HEADER, 'x-profila-service', 'x-profila-actor'];

/** `/api/<service>/...` → the service, with the request id, the correlation id, and no spoofed internal headers. */
export async function registerProxies(app: FastifyInstance, env: GatewayEnv): Promise<void> {
  for (const service of ROUTED_SERVICES) {
    await app.register(httpProxy, {
      upstream: serviceUrl(env, service),
      prefix: `/api/${service}`,
      rewritePrefix: '',
      // A service's redirect means what it says: do not prefix relative Location headers with /api/<service>.
      internalRewriteLocationHeader: false,
      http: { requestOptions: { timeout: 30_000 } },
      replyOptions: {
        rewriteRequestHeaders: (req, headers) => {
          const out: Record<string, string | string[] | undefined> = { ...headers };
          for (const h of INTERNAL_HEADERS) delete out[h];
          out['x-request-id'] = String(req.id);
          out['x-correlation-id'] ??= String(req.id);
          out['x-forwarded-prefix'] = `/api/${service}`;
          return out;
        },
      },
    });
  }
}
