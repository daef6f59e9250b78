import { ApiError, type FieldErrors, messageOf, TextField } from '@profila/ui';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ReservedHeading } from '../reserved/reserved-heading';
import { usePageTitle } from '../site';
import { NOMINATION_PATH } from '../verification/nomination-page';
import { claimApi, type NominationPrefill } from './claim-api';

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
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      const claim = await claimApi.claim(username.trim(), password);
      const state: NominationPrefill = { claim };
      void navigate(NOMINATION_PATH, { state });
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) setErrors(error.fieldErrors);
      else setFailure(messageOf(error));
    } finally {
      setBusy(false);
      setPassword('');
    }
  };

  return (
    <>
      <ReservedHeading title={TITLE}>
        Se la tua azienda aveva un&apos;utenza sul vecchio portale, inserisci una sola volta il suo username e la sua
        password: la richiesta di abilitazione dell&apos;Amministratore sarà precompilata con i dati dell&apos;azienda e
        verificata da un operatore. Le vecchie credenziali non consentono più l&apos;accesso al portale.
      </ReservedHeading>
      {failure && (
        <div className="alert alert-danger" role="alert">
          {failure}
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Utenza aziendale del vecchio portale">
        <div className="row">
          <TextField
            id="legacy-username"
            label="Username *"
            value={username}
            error={errors.username}
            onChange={setUsername}
            autoComplete="off"
          />
          <div className="col-md-6">
            <div className="form-group">
              <label htmlFor="legacy-password" className="active">
                Password *
              </label>
              <input
                id="legacy-password"
                name="legacy-password"
                type="password"
                className={`form-control${errors.password ? ' is-invalid' : ''}`}
                value={password}
                autoComplete="off"
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={errors.password ? true : undefined}
              />
              {errors.password && <div className="invalid-feedback d-block">{errors.password}</div>}
            </div>
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Collega l&apos;utenza
        </button>
      </form>
    </>
  );
}
