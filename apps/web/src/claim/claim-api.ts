// "Accedi all'utenza aziendale": the registry's legacy-accounts claim, through the gateway.
import { apiRequest } from '@profila/ui';

export interface LegacyClaim {
  username: string;
  organizationId: string;
  codiceFiscale: string;
  ragioneSociale: string;
  referente: {
    codiceFiscale: string;
    nome: string;
    cognome: string;
    dataNascita: string | null;
    luogoNascita: string | null;
    email: string | null;
  } | null;
}

/** What the claim hands to the Amministratore nomination page (react-router location state). */
export interface NominationPrefill {
  claim: LegacyClaim;
}

export const claimApi = {
  claim: (username: string, password: string) =>
    apiRequest<LegacyClaim>('POST', '/api/registry/legacy-accounts/claim', { username, password }),
};
