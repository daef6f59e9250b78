// The part of the identity service's API (gateway prefix /api/identity) that both UIs use: the identity providers to
// choose from, who is logged in, logout. The portal adds its own calls (anagrafica, profiles) in apps/web.
import { apiRequest } from './http';

export type LoginKind = 'spid' | 'cie' | 'cps';

export interface IdentityProvider {
  entityId: string;
  name: string;
  kind: LoginKind;
  /** The local test IdP (embedded mode): never a real identity. */
  test?: boolean;
}

export interface ActingFor {
  organizationId: string;
  ragioneSociale: string;
  codiceFiscale: string;
}

export interface Me {
  codiceFiscale: string;
  nome: string | null;
  cognome: string | null;
  spidLevel: number | null;
  idp: string | null;
  actingFor: ActingFor | null;
}

export const IDENTITY_API = '/api/identity';

export const sessionApi = {
  idps: (kind: LoginKind) => apiRequest<IdentityProvider[]>('GET', `${IDENTITY_API}/idps?kind=${kind}`),
  me: () => apiRequest<Me>('GET', `${IDENTITY_API}/me`),
  logout: () => apiRequest<{ redirectUrl?: string }>('POST', `${IDENTITY_API}/logout`),
};
