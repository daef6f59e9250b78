// The cookie and header names of the browser session, as the contract fixes them in @profila/contracts
// (libs/contracts/src/http/session.http.ts: CSRF_COOKIE, CSRF_HEADER). Copied, not imported: the contracts' entry
// point also brings the event validator (ajv) and the AsyncAPI catalogue, which would add about 180 kB (53 kB gzip)
// to each UI's bundle. libs/ui/test/session-names.unit.spec.ts fails when the two drift apart.

/** Cookie readable by the page with the CSRF token it echoes in CSRF_HEADER on every unsafe request. */
export const CSRF_COOKIE = 'profila_csrf';
export const CSRF_HEADER = 'x-csrf-token';
