import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, SESSION_COOKIE } from '@profila/contracts';

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The session cookie (HttpOnly) and the CSRF double-submit cookie (readable by the page), both SameSite=Lax, Path=/,
 * Secure when the portal is served over https (ADR 0008).
 */
export function sessionCookies(sessionId: string, csrfToken: string, secure: boolean): string[] {
  const common = `Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=${sessionId}; HttpOnly; ${common}`, `${CSRF_COOKIE}=${csrfToken}; ${common}`];
}

export function clearedSessionCookies(secure: boolean): string[] {
  const common = `Path=/; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=; HttpOnly; ${common}`, `${CSRF_COOKIE}=; ${common}`];
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  void reply.header('set-cookie', clearedSessionCookies(secure));
}
