export type LoginKind = 'spid' | 'cie' | 'cps';

/** Where each identity provider's login starts: the identity service behind the gateway (same origin). */
export function loginUrl(kind: LoginKind): string {
  return `/api/identity/login?kind=${kind}`;
}
