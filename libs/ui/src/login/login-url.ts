import type { LoginKind } from '../api/identity-session';

/** Where the identity service sends the browser after a login when the UI names no other page (identity's default). */
export const RESERVED_AREA = '/area-riservata';

export const KIND_LABELS: Record<LoginKind, { short: string; long: string }> = {
  spid: { short: 'SPID', long: 'Sistema Pubblico di Identità Digitale' },
  cie: { short: 'CIE', long: "Carta d'Identità Elettronica" },
  cps: { short: 'CPS', long: 'Carta Provinciale dei Servizi' },
};

export function isLoginKind(value: string | null): value is LoginKind {
  return value === 'spid' || value === 'cie' || value === 'cps';
}

/** Where a login with one identity provider starts: the identity service behind the gateway (same origin). */
export function loginUrl(kind: LoginKind, idp: string, returnTo: string = RESERVED_AREA): string {
  const query = new URLSearchParams({ kind, idp, returnTo });
  return `/api/identity/login?${query.toString()}`;
}

/** The UI's own chooser page for one kind of identity, relative to the router's basename (`/accedi` in both UIs). */
export function chooserUrl(kind: LoginKind): string {
  return `/accedi?kind=${kind}`;
}
