import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessTokenIssuer } from '@profila/platform';
import type { SessionResolver } from './session-resolver.js';

export const SESSION_COOKIE = 'profila_session';
export const CSRF_COOKIE = 'profila_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Endpoints identity providers post to: protected by the SAML checks, not by CSRF tokens. */
const CSRF_EXEMPT = ['/api/identity/saml/acs', '/api/identity/saml/slo'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * For every `/api/*` request: drop any Authorization the browser sent, enforce the CSRF double-submit token on
 * state-changing requests that carry a session, and, for a live session, attach the gateway's short-lived access
 * token (who, and for which organisation) for the service.
 */
export function registerSessionHandling(
  app: FastifyInstance,
  resolver: SessionResolver,
  issuer: AccessTokenIssuer,
): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    delete req.headers.authorization;
    const sessionId = readCookie(req, SESSION_COOKIE);
    if (!sessionId) return;
    const path = req.url.split('?')[0];
    if (UNSAFE.has(req.method) && !CSRF_EXEMPT.includes(path)) {
      const cookie = readCookie(req, CSRF_COOKIE);
      const header = req.headers[CSRF_HEADER];
      if (!cookie || typeof header !== 'string' || !sameToken(cookie, header)) {
        return reply.code(403).send({
          statusCode: 403,
          code: 'CSRF_TOKEN_INVALID',
          message: 'Richiesta non valida: ricarica la pagina e riprova',
        });
      }
    }
    const session = await resolver.resolve(sessionId);
    if (!session) return;
    const token = await issuer.issue({
      kind: 'citizen',
      id: session.codiceFiscale,
      ...(session.actingFor ? { actingFor: session.actingFor } : {}),
    });
    req.headers.authorization = `Bearer ${token}`;
    if (path === '/api/identity/logout') resolver.forget(sessionId);
  });
}
