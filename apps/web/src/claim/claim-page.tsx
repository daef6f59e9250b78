import { useNavigate } from 'react-router-dom';
import { ReservedHeading } from '../reserved/reserved-heading';
import { usePageTitle } from '../site';
import { NOMINATION_PATH } from '../verification/nomination-page';
import { claimApi, type NominationPrefill } from './claim-api';
import { LegacyCredentialsForm } from './legacy-credentials-form';

export const CLAIM_PATH = '/area-riservata/utenza-aziendale';
const TITLE = "Accedi all'utenza aziendale";

/**
 * The transitional phase (Trentino Lavoro): a citizen logged in with SPID links the company login of the old portal
 * by its username and password, once. Nothing is granted: the Amministratore nomination opens pre-filled with that
 * company, and an operator of the Agenzia verifies it. The old credentials are never a way to log in.
 */
export function ClaimPage() {
  usePageTitle(TITLE);
  const navigate = useNavigate();
  return (
    <>
      <ReservedHeading title={TITLE}>
        Se la tua azienda aveva un&apos;utenza sul vecchio portale, inserisci una sola volta il suo username e la sua
        password: la richiesta di abilitazione dell&apos;Amministratore sarà precompilata con i dati dell&apos;azienda e
        verificata da un operatore. Le vecchie credenziali non consentono più l&apos;accesso al portale.
      </ReservedHeading>
      <LegacyCredentialsForm
        label="Utenza aziendale del vecchio portale"
        submitLabel="Collega l'utenza"
        onSubmit={async (username, password) => {
          const claim = await claimApi.claim(username, password);
          const state: NominationPrefill = { claim };
          void navigate(NOMINATION_PATH, { state });
        }}
      />
    </>
  );
}
