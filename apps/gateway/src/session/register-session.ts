import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@profila/contracts';
import { CommonErrorCode, CommonException, createLogger } from '@profila/platform';
import type { AccessTokenCache, TokenSubject } from '../auth/access-token-cache.js';
import { isApiRoute, routedPath } from '../http/api-route.js';
import { sendError } from '../http/send-error.js';
import type { SessionResolver } from './session-resolver.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The access token the gateway issued for this request's session: the only Authorization a service gets. */
    gatewayAccessToken?: string;
    /** Set on a logout request: the session whose cache entries are dropped again when identity has answered. */
    gatewayLogout?: { sessionId: string; session: TokenSubject };
  }
}

/** Endpoints identity providers post to: protected by the SAML checks, not by CSRF tokens (decoded routed paths). */
const CSRF_EXEMPT = new Set(['/api/identity/saml/acs', '/api/identity/saml/slo']);
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Where a session ends with the browser's own cookie: its cached answer and token are dropped when identity answers. */
const LOGOUT = new Set(['/api/identity/logout', '/api/identity/saml/slo']);

/** A cookie's value, or undefined when absent or not decodable (a malformed cookie is no cookie, never an error). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0 || part.slice(0, i).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * For every request routed to `/api/*` (decided on the routed path, so no encoding of the URL escapes it): drop any
 * Authorization the browser sent, and for a session cookie:
 * - a state-changing request needs the CSRF token in CSRF_HEADER, equal to the CSRF cookie (double submit) and
 *   bound to the session: its SHA-256 is the session's `csrfTokenSha256` (identity's resolve answer);
 * - a live session gets the gateway's short-lived access token (who, and for which organisation) for the service,
 *   reused per session and acting-as (AccessTokenCache) instead of signed per request.
 * Runs as preHandler, after the rate limit (onRequest), so a flood of made-up cookies does not reach identity.
 * A logout drops the session's cached resolve answer and token before it is forwarded and again once identity
 * answered (a request racing the logout cannot keep the pre-logout answer).
 */
export function registerSessionHandling(
  app: FastifyInstance,
  resolver: SessionResolver,
  tokens: AccessTokenCache,
): void {
  const log = createLogger('gateway-session');
  const csrfRefused = () => new CommonException(CommonErrorCode.CSRF_TOKEN_INVALID);

  app.addHook('preHandler', async (req: FastifyRequest, reply) => {
    if (!isApiRoute(req)) return;
    delete req.headers.authorization;
    const path = routedPath(req) ?? '';
    const sessionId = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!sessionId) return;
    const unsafe = UNSAFE.has(req.method) && !CSRF_EXEMPT.has(path);
    const header = req.headers[CSRF_HEADER];
    if (unsafe) {
      const cookie = readCookie(req.headers.cookie, CSRF_COOKIE);
      if (!cookie || typeof header !== 'string' || !sameBytes(Buffer.from(cookie), Buffer.from(header))) {
        return sendError(req, reply, csrfRefused());
      }
    }
    let session;
    try {
      session = await resolver.resolve(sessionId);
    } catch (error) {
      log.error({ err: error, requestId: req.id }, 'identity could not resolve a session');
      return sendError(
        req,
        reply,
        new CommonException(
          CommonErrorCode.SERVICE_UNAVAILABLE,
          'Servizio temporaneamente non disponibile: riprovare tra poco',
        ),
      );
    }
    if (!session) return;
    if (unsafe) {
      const bound = /^[0-9a-f]{64}$/i.test(session.csrfTokenSha256)
        ? Buffer.from(session.csrfTokenSha256, 'hex')
        : Buffer.alloc(0);
      if (!sameBytes(sha256(header as string), bound)) return sendError(req, reply, csrfRefused());
    }
    req.gatewayAccessToken = await tokens.tokenFor(sessionId, session);
    if (LOGOUT.has(path)) {
      resolver.forget(sessionId);
      tokens.forget(sessionId, session);
      req.gatewayLogout = { sessionId, session };
    }
  });

  app.addHook('onResponse', async (req) => {
    const logout = req.gatewayLogout;
    if (!logout) return;
    resolver.forget(logout.sessionId);
    tokens.forget(logout.sessionId, logout.session);
  });
}
