/**
 * Operators sign in with their own digital identity, like citizens; the identity service brings them back to the
 * back office afterwards (`returnTo`), where their operator role decides what they see.
 */
export const OPERATOR_LOGIN_URL = `/api/identity/login?kind=spid&returnTo=${encodeURIComponent(import.meta.env.BASE_URL)}`;
