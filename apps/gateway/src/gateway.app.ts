import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@profila/platform';
import { type GatewayEnv, serviceUrl } from './config/gateway.env.js';
import { loadAccessTokenIssuer } from './auth/access-token.provider.js';
import { GatewayModule } from './gateway.module.js';
import { registerProxies } from './proxy/register-proxies.js';
import { registerSessionHandling } from './session/register-session.js';
import { SessionResolver } from './session/session-resolver.js';
import { registerUis } from './static/register-uis.js';

/** Builds the gateway application (used by main.ts and by the tests). */
export async function createGatewayApp(env: GatewayEnv): Promise<NestFastifyApplication> {
  const issuer = await loadAccessTokenIssuer(env);
  const app = await createServiceApp(GatewayModule.register(env, issuer), {
    name: 'gateway',
    logLevel: env.LOG_LEVEL,
    bodyLimit: 8 * 1024 * 1024,
  });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'", 'http:', 'https:'], // SAML POST binding to the identity provider
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: env.PUBLIC_URL?.startsWith('https:') ? [] : null,
      },
    },
    strictTransportSecurity: env.PUBLIC_URL?.startsWith('https:') ? undefined : false,
  });
  await fastify.register(rateLimit, {
    global: true,
    max: env.RATE_LIMIT_MAX,
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: `Troppe richieste: riprova tra ${Math.ceil(ctx.ttl / 1000)} secondi`,
    }),
  });
  registerSessionHandling(fastify, new SessionResolver(serviceUrl(env, 'identity'), env.SERVICE_TOKEN), issuer);
  await registerProxies(fastify, env);
  await registerUis(fastify, env);
  return app;
}
