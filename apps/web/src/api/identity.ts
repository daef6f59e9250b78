// The identity service's citizen API (gateway prefix /api/identity), as agreed in the identity HTTP contract: the
// calls shared with the back office (identity providers, who is logged in, logout) come from @profila/ui.
import { apiRequest, IDENTITY_API, sessionApi } from '@profila/ui';

export type { ActingFor, IdentityProvider, LoginKind, Me } from '@profila/ui';

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

const BASE = IDENTITY_API;

export const identityApi = {
  ...sessionApi,
  anagrafica: () => apiRequest<Anagrafica>('GET', `${BASE}/me/anagrafica`),
  saveAnagrafica: (update: AnagraficaUpdate) => apiRequest<Anagrafica>('PUT', `${BASE}/me/anagrafica`, update),
  profiles: () => apiRequest<Profiles>('GET', `${BASE}/me/profiles`),
  actAs: (organizationId: string | null) =>
    apiRequest<{ current: string | null }>('PUT', `${BASE}/me/acting-as`, { organizationId }),
};
