import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import httpProxy from '@fastify/http-proxy';
import { CommonErrorCode, CommonException, createLogger, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { type GatewayEnv, ROUTED_SERVICES, serviceUrl } from '../config/gateway.env.js';
import { GatewayException, GatewayExceptionCode } from '../http/gateway.exception.js';
import { sendError } from '../http/send-error.js';

/**
 * Headers a browser must never be able to set on a request to a service: the internal credentials, and the
 * forwarding headers, which the gateway writes itself from what it computed (the client address it believes).
 */
const INTERNAL_HEADERS = new Set([
  SERVICE_TOKEN_HEADER,
  'x-profila-service',
  'x-profila-actor',
  'authorization',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
]);

const log = createLogger('gateway-proxy');

/** What the browser gets when a service cannot be reached: an Italian message, never the internal address. */
export function upstreamFailure(error: unknown): CommonException | GatewayException {
  const { statusCode, cause } = error as { statusCode?: number; cause?: { code?: string } };
  const code = cause?.code ?? (error as { code?: string }).code;
  if (statusCode === 504 || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new GatewayException(
      GatewayExceptionCode.GATEWAY_TIMEOUT,
      'Il servizio non ha risposto in tempo: riprovare tra poco',
    );
  }
  if (statusCode === 503 || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new CommonException(
      CommonErrorCode.SERVICE_UNAVAILABLE,
      'Servizio temporaneamente non disponibile: riprovare tra poco',
    );
  }
  return new GatewayException(GatewayExceptionCode.BAD_GATEWAY, 'Il servizio non ha risposto correttamente: riprovare');
}

/**
 * `/api/<service>/...` → the service, with the request id, the correlation id, and no spoofed internal headers.
 * One undici pool per service (reply-from's default client): keep-alive connections reused across requests, instead
 * of Node's http client with a connection per request. TLS to a service is verified (reply-from would turn it off).
 */
export async function registerProxies(app: FastifyInstance, env: GatewayEnv): Promise<void> {
  for (const service of ROUTED_SERVICES) {
    const prefix = `/api/${service}`;
    await app.register(httpProxy, {
      upstream: serviceUrl(env, service),
      prefix,
      rewritePrefix: '',
      // A service's redirect means what it says: do not prefix relative Location headers with /api/<service>.
      internalRewriteLocationHeader: false,
      undici: {
        connections: 64,
        pipelining: 1,
        keepAliveTimeout: 4_000,
        // A service's keep-alive hint is 72 s (Fastify): dropping idle connections well before it means a request is
        // never written to a socket the service is closing (a POST would fail with "other side closed").
        keepAliveMaxTimeout: 30_000,
        headersTimeout: env.UPSTREAM_TIMEOUT_MS,
        bodyTimeout: env.UPSTREAM_TIMEOUT_MS,
        // Overrides reply-from's `tls: { rejectUnauthorized: false }`: a service's certificate is checked.
        connect: { timeout: 5_000, rejectUnauthorized: true },
      },
      disableRequestLogging: true,
      replyOptions: {
        rewriteRequestHeaders: (req, headers) => {
          const out: Record<string, string | string[] | undefined> = {};
          for (const name in headers) if (!INTERNAL_HEADERS.has(name)) out[name] = headers[name];
          if (req.gatewayAccessToken) out.authorization = `Bearer ${req.gatewayAccessToken}`;
          // The client address the gateway believes (the socket's, or the first one its trusted proxies name):
          // the services trust the gateway's X-Forwarded-For, so it is never the browser's own header.
          out['x-forwarded-for'] = req.ip;
          out['x-forwarded-proto'] = req.protocol;
          const id = String(req.id);
          out['x-request-id'] = id;
          out['x-correlation-id'] ??= id;
          out['x-forwarded-prefix'] = prefix;
          return out;
        },
        onError: (reply, { error }) => {
          const req = reply.request as FastifyRequest;
          if (req.bodyTooLarge) {
            // The rest of a streamed body is not read: close rather than leave the connection half-way.
            void reply.header('connection', 'close');
            void sendError(req, reply as FastifyReply, new CommonException(CommonErrorCode.PAYLOAD_TOO_LARGE));
            return;
          }
          log.warn({ service, err: error, requestId: req.id }, 'service unreachable');
          void sendError(req, reply as FastifyReply, upstreamFailure(error));
        },
      },
    });
  }
}
