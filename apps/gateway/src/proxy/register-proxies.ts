import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type GatewayEnv, ROUTED_SERVICES, serviceUrl } from '../config/gateway.env.js';
import { ServiceProxy } from './service-proxy.js';

const METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'];

/**
 * `/api/<service>` and everything under it → the service (ServiceProxy). Bodies are not parsed here: whatever the
 * content type, the request stream goes through as it comes (after the gateway's size limits), so uploads stream to
 * document-store and JSON reaches the service byte for byte.
 */
export async function registerProxies(app: FastifyInstance, env: GatewayEnv): Promise<void> {
  for (const service of ROUTED_SERVICES) {
    const proxy = new ServiceProxy(service, serviceUrl(env, service), { timeoutMs: env.UPSTREAM_TIMEOUT_MS });
    await app.register(
      async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
        const handler = (req: FastifyRequest, reply: FastifyReply) => proxy.forward(req, reply);
        scope.route({ url: '/', method: METHODS, handler });
        scope.route({ url: '/*', method: METHODS, handler });
        scope.addHook('onClose', async () => proxy.close());
      },
      { prefix: proxy.prefix },
    );
  }
}
