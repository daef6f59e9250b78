/**
 * The browser session as the gateway and identity share it (ADR 0008): identity sets the cookies at login, the
 * gateway reads them on every request and asks identity to resolve the session id.
 */

/** HttpOnly cookie with the opaque session id. */
export const SESSION_COOKIE = 'profila_session';
/** Cookie readable by the page with the CSRF token it echoes in CSRF_HEADER on every unsafe request. */
export const CSRF_COOKIE = 'profila_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** `POST /sessions/:id/resolve` on identity (service API): 200 with this body · 404 unknown · 410 ended or expired. */
export interface SessionResolveResponse {
  codiceFiscale: string;
  /** Organisation id the citizen acts for, `null` for the personal profile. */
  actingFor: string | null;
  /**
   * SHA-256 (hex) of the session's CSRF token: the gateway accepts an unsafe request only when the header's token
   * hashes to it, so a token is good for its own session only.
   */
  csrfTokenSha256: string;
}
