import { Transform } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CommonErrorCode,
  CommonException,
  createLogger,
  createServiceApp,
  DEFAULT_BODY_LIMIT,
  toErrorBody,
} from '@profila/platform';
import { type GatewayEnv, serviceUrl } from './config/gateway.env.js';
import { AccessTokenCache } from './auth/access-token-cache.js';
import { loadAccessTokenIssuer } from './auth/access-token.provider.js';
import { GatewayModule } from './gateway.module.js';
import { isApiRoute, looksLikeApi } from './http/api-route.js';
import { ClientRateLimiter, registerRateLimit } from './http/rate-limit.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { sendError } from './http/send-error.js';
import { registerProxies } from './proxy/register-proxies.js';
import { registerSessionHandling } from './session/register-session.js';
import { SessionResolver } from './session/session-resolver.js';
import { registerUis } from './static/register-uis.js';

/** Largest upload (multipart, streamed to document-store); other bodies stop at what the services accept. */
export const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when a streamed body went over its limit: the proxy answers 413 instead of a broken upstream. */
    bodyTooLarge?: boolean;
  }
}

const log = createLogger('gateway');

/** Builds the gateway application (used by main.ts and by the tests). */
export async function createGatewayApp(env: GatewayEnv): Promise<NestFastifyApplication> {
  const issuer = await loadAccessTokenIssuer(env);
  const app = await createServiceApp(GatewayModule.register(env, issuer), {
    name: 'gateway',
    logLevel: env.LOG_LEVEL,
    bodyLimit: UPLOAD_BODY_LIMIT,
    trustedProxies: env.TRUSTED_PROXIES,
    // Nothing here reads the request context (ids travel in headers, log lines name them): no AsyncLocalStorage.
    requestContext: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Helmet's headers on every answer, the gateway's own refusals included (computed once, see security-headers.ts).
  registerSecurityHeaders(fastify, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // blob: the back office's inline preview of a request's documents (fetched through their download link).
        imgSrc: ["'self'", 'data:', 'blob:'],
        frameSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'", 'http:', 'https:'], // SAML POST binding to the identity provider
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: env.PUBLIC_URL?.startsWith('https:') ? [] : null,
      },
    },
    strictTransportSecurity: env.PUBLIC_URL?.startsWith('https:') ? undefined : false,
  });
  refuseApiLookalikes(fastify);
  limitApiBodies(fastify);
  noStoreByDefault(fastify);
  // Keyed by req.ip: the socket's address, or the client named by a TRUSTED_PROXIES proxy, never a header as sent.
  // Decided on the routed path: the API (however its URL is spelled) and the platform health check.
  registerRateLimit(
    fastify,
    new ClientRateLimiter(env.RATE_LIMIT_MAX),
    (req) => isApiRoute(req) || req.routeOptions.url === '/health',
  );
  registerSessionHandling(
    fastify,
    new SessionResolver(serviceUrl(env, 'identity'), env.SERVICE_TOKEN, env.SESSION_CACHE_TTL_MS),
    new AccessTokenCache(issuer),
  );
  // The gateway's own routes (proxies, UIs) in one scope with their error handler, the platform's error shape; Nest
  // sets its own on the root scope for its controllers (health, JWKS, API docs), so neither overrides the other.
  await fastify.register(async (scope) => {
    scope.setErrorHandler((error, req, reply) => {
      if (toErrorBody(error).statusCode >= 500) log.error({ err: error, requestId: req.id }, 'request failed');
      return sendError(req, reply, error);
    });
    await registerProxies(scope, env);
    await registerUis(scope, env);
  });
  return app;
}

/**
 * `//api/…`, `/API/…`, `/%2561pi/…`, `/x/../api/…` are not routed to the API (the router is exact), but a lenient
 * proxy or browser could read them as such: refuse them instead of serving the portal's shell.
 */
function refuseApiLookalikes(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    if (!isApiRoute(req) && looksLikeApi(req.url)) {
      void sendError(req, reply, new CommonException(CommonErrorCode.NOT_FOUND));
      return;
    }
    done();
  });
}

function bodyLimitOf(req: FastifyRequest): number {
  return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '') ? UPLOAD_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

/**
 * An API body the service would refuse is refused here with 413: forwarding it makes the service close the
 * connection half-way (500 `write EPIPE`). Declared lengths are checked up front, streamed bodies as they come.
 */
function limitApiBodies(fastify: FastifyInstance): void {
  const tooLarge = () => new CommonException(CommonErrorCode.PAYLOAD_TOO_LARGE);
  fastify.addHook('onRequest', (req, reply, done) => {
    const length = req.headers['content-length'];
    if (length === undefined || !isApiRoute(req)) return done();
    const declared = Number(length);
    if (declared > bodyLimitOf(req)) {
      // Up to the upload limit, the unread body is drained so the client reads the answer; beyond it, close.
      if (declared > UPLOAD_BODY_LIMIT) void reply.header('connection', 'close');
      void sendError(req, reply, tooLarge());
      return;
    }
    done();
  });
  fastify.addHook('preParsing', async (req, _reply, payload) => {
    // Declared lengths were checked on request; a request with neither header has no body (RFC 9112 §6.3).
    const streamed = req.headers['content-length'] === undefined && req.headers['transfer-encoding'] !== undefined;
    if (!streamed || !isApiRoute(req)) return payload;
    const limit = bodyLimitOf(req);
    let seen = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length;
        if (seen > limit) {
          req.bodyTooLarge = true;
          done(Object.assign(tooLarge(), { statusCode: 413 }));
        } else done(null, chunk);
      },
    });
    payload.on('error', (error) => counted.destroy(error));
    return payload.pipe(counted);
  });
}

/** Personal data must not stay in browser or proxy caches: no-store unless the answer set its own caching. */
function noStoreByDefault(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (_req, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
