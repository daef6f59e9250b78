import { type IdentityEnv, spUrls } from '../config/identity.env.js';

/**
 * The login cookie: set by GET /login, HttpOnly, scoped to the SAML endpoints, alive as long as an AuthnRequest.
 * Each AuthnRequest stores the SHA-256 of its value and the ACS accepts a Response only from the browser holding it,
 * so a Response obtained by someone else and auto-posted from another site cannot log a victim in (login CSRF).
 * Over https it is SameSite=None; Secure, because the IdP's auto-submitted form is a cross-site POST.
 */
export const LOGIN_COOKIE = 'profila_login';
const VALUE = /^[A-Za-z0-9_-]{43}$/;

export function isLoginCookieValue(value: string | undefined): value is string {
  return typeof value === 'string' && VALUE.test(value);
}

export function loginCookie(value: string, env: IdentityEnv): string {
  const secure = env.PUBLIC_URL.startsWith('https:');
  const path = new URL(spUrls(env).acsUrl).pathname.replace(/\/[^/]*$/, '') || '/';
  const sameSite = secure ? 'SameSite=None; Secure' : 'SameSite=Lax';
  return `${LOGIN_COOKIE}=${value}; HttpOnly; Path=${path}; Max-Age=${env.AUTHN_REQUEST_TTL_SECONDS}; ${sameSite}`;
}
