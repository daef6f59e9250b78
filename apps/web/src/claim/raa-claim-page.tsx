import { useNavigate } from 'react-router-dom';
import { ReservedHeading } from '../reserved/reserved-heading';
import { usePageTitle } from '../site';
import { RAA_REGISTRATION_PATH } from '../verification/raa-registration-page';
import { claimApi, type RaaRegistrationPrefill } from './claim-api';
import { LegacyCredentialsForm } from './legacy-credentials-form';

const TITLE = "Accedi all'utenza RAA";

/**
 * A lawyer or authorised body registered for RAA on the old portal (SINTESI) links their own login by its username and
 * password, once: the new "Registrazione avvocati ed enti autorizzati" opens pre-filled with what the old
 * registration declared (PEC, professione, birth data), and an operator still verifies it. Nothing is granted, and
 * the old credentials are never a way to log in.
 */
export function RaaClaimPage() {
  usePageTitle(TITLE);
  const navigate = useNavigate();
  return (
    <>
      <ReservedHeading title={TITLE}>
        Se eri registrato per l&apos;accesso agli atti sul vecchio portale, inserisci una sola volta lo username e la
        password della tua utenza: la nuova registrazione sarà precompilata con i dati che avevi indicato e verificata
        da un operatore. L&apos;utenza deve essere intestata a te; le vecchie credenziali non consentono più
        l&apos;accesso al portale.
      </ReservedHeading>
      <LegacyCredentialsForm
        label="Utenza RAA del vecchio portale"
        submitLabel="Recupera i dati"
        onSubmit={async (username, password) => {
          const raaClaim = await claimApi.claimRaa(username, password);
          const state: RaaRegistrationPrefill = { raaClaim };
          void navigate(RAA_REGISTRATION_PATH, { state });
        }}
      />
    </>
  );
}
