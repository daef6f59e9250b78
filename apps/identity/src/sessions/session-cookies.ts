import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'profila_session';
export const CSRF_COOKIE = 'profila_csrf';

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
export function setSessionCookies(reply: FastifyReply, sessionId: string, csrfToken: string, secure: boolean): void {
  const common = `Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
  void reply.header('set-cookie', [
    `${SESSION_COOKIE}=${sessionId}; HttpOnly; ${common}`,
    `${CSRF_COOKIE}=${csrfToken}; ${common}`,
  ]);
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  const common = `Path=/; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? '; Secure' : ''}`;
  void reply.header('set-cookie', [`${SESSION_COOKIE}=; HttpOnly; ${common}`, `${CSRF_COOKIE}=; ${common}`]);
}
