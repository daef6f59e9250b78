// "Accedi all'utenza aziendale" and "Accedi all'utenza RAA": the registry's legacy-accounts claims, through the gateway.
import { apiRequest } from '@profila/ui';

/** A person as the legacy system recorded them. */
export interface LegacyPerson {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  dataNascita: string | null;
  luogoNascita: string | null;
  email: string | null;
}

export interface LegacyClaim {
  username: string;
  organizationId: string;
  codiceFiscale: string;
  ragioneSociale: string;
  referente: LegacyPerson | null;
}

/** What the claim hands to the Amministratore nomination page (react-router location state). */
export interface NominationPrefill {
  claim: LegacyClaim;
}

/** An RAA user's own legacy login: what their old registration declared. */
export interface LegacyRaaClaim extends LegacyPerson {
  username: string;
  pec: string | null;
  professione: string | null;
}

/** What the RAA claim hands to the RAA registration page (react-router location state). */
export interface RaaRegistrationPrefill {
  raaClaim: LegacyRaaClaim;
}

export const claimApi = {
  claim: (username: string, password: string) =>
    apiRequest<LegacyClaim>('POST', '/api/registry/legacy-accounts/claim', { username, password }),
  claimRaa: (username: string, password: string) =>
    apiRequest<LegacyRaaClaim>('POST', '/api/registry/legacy-accounts/raa/claim', { username, password }),
};
