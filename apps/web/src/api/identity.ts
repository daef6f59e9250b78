// The identity service's citizen API (gateway prefix /api/identity), as agreed in the identity HTTP contract.
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

export interface Anagrafica {
  anagrafica: {
    cognome: string | null;
    nome: string | null;
    codiceFiscale: string;
    sesso: string | null;
    dataNascita: string | null;
    luogoNascita: string | null;
    provinciaNascita: string | null;
  };
  documento: {
    tipo: string | null;
    numero: string | null;
    rilasciatoDa: string | null;
    dataRilascio: string | null;
    dataScadenza: string | null;
  } | null;
  domicilio: { indirizzo: string | null; comune: string | null; provincia: string | null; cap: string | null } | null;
  recapiti: {
    email: string | null;
    cellulare: string | null;
    pec: string | null;
    telefono: string | null;
    fax: string | null;
  };
  altriDati: { cittadinanza: string | null; titoloStudio: string | null };
  editable: string[];
  titoliStudio: Array<{ codice: string; descrizione: string }>;
}

export interface AnagraficaUpdate {
  cittadinanza?: string | null;
  pec?: string | null;
  telefono?: string | null;
  fax?: string | null;
  titoloStudio?: string | null;
}

export interface OrganizationProfile {
  organizationId: string;
  ragioneSociale: string;
  codiceFiscale: string;
  roles: string[];
}

export interface Profiles {
  current: string | null;
  organizations: OrganizationProfile[];
}

const BASE = '/api/identity';

export const identityApi = {
  idps: (kind: LoginKind) => apiRequest<IdentityProvider[]>('GET', `${BASE}/idps?kind=${kind}`),
  me: () => apiRequest<Me>('GET', `${BASE}/me`),
  anagrafica: () => apiRequest<Anagrafica>('GET', `${BASE}/me/anagrafica`),
  saveAnagrafica: (update: AnagraficaUpdate) => apiRequest<Anagrafica>('PUT', `${BASE}/me/anagrafica`, update),
  profiles: () => apiRequest<Profiles>('GET', `${BASE}/me/profiles`),
  actAs: (organizationId: string | null) =>
    apiRequest<{ current: string | null }>('PUT', `${BASE}/me/acting-as`, { organizationId }),
  logout: () => apiRequest<{ redirectUrl?: string }>('POST', `${BASE}/logout`),
};
