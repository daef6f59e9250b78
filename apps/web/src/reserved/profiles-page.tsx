import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, useSession } from '@profila/ui';
import { identityApi, type Profiles } from '../api/identity';
import { ProfilesTabs } from '../profiles/profiles-nav';
import { usePageTitle } from '../site';
import { ReservedHeading } from './reserved-heading';

const PERSONAL = 'personale';

const ROLE_LABELS: Record<string, string> = {
  ADMIN: 'Amministratore',
  AMMINISTRATORE: 'Amministratore',
  DELEGATO: 'Delegato',
};

function roleLabel(role: string): string {
  return ROLE_LABELS[role.toUpperCase()] ?? role;
}

type Outcome = { kind: 'saved'; label: string } | { kind: 'failed'; message: string } | null;

/** "Gestione profili" → "Selezione tipologia di utente" (Trentino Lavoro): the personal account or an organisation. */
export function ProfilesPage() {
  usePageTitle('Selezione tipologia di utente');
  const { expired, refresh } = useSession();
  const [profiles, setProfiles] = useState<Profiles | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choice, setChoice] = useState<string>(PERSONAL);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let active = true;
    identityApi.profiles().then(
      (loaded) => {
        if (!active) return;
        setProfiles(loaded);
        setChoice(loaded.current ?? PERSONAL);
      },
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && error.unauthenticated) expired();
        else setLoadError(error instanceof ApiError ? error.message : 'Caricamento dei profili non riuscito.');
      },
    );
    return () => {
      active = false;
    };
  }, [expired]);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const heading = (
    <>
      <ReservedHeading title="Selezione tipologia di utente">
        Accedi e gestisci la tua utenza e quelle aziendali per cui risulti abilitato.
      </ReservedHeading>
      <ProfilesTabs />
    </>
  );

  if (loadError) {
    return (
      <>
        {heading}
        <div className="alert alert-danger" role="alert">
          {loadError}
        </div>
      </>
    );
  }
  if (!profiles) {
    return (
      <>
        {heading}
        <p role="status">Caricamento dei profili in corso…</p>
      </>
    );
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setOutcome(null);
    const organizationId = choice === PERSONAL ? null : choice;
    try {
      const { current } = await identityApi.actAs(organizationId);
      setProfiles({ ...profiles, current });
      await refresh();
      const chosen = profiles.organizations.find((o) => o.organizationId === current);
      setOutcome({ kind: 'saved', label: chosen ? chosen.ragioneSociale : 'Utente privato' });
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) {
        expired();
        return;
      }
      setOutcome({
        kind: 'failed',
        message:
          error instanceof ApiError && error.status === 403
            ? 'Non sei più abilitato a operare per questa organizzazione.'
            : error instanceof ApiError
              ? error.message
              : 'Operazione non riuscita: riprova.',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {heading}
      {outcome && (
        <div
          ref={outcomeRef}
          tabIndex={-1}
          className={`alert ${outcome.kind === 'saved' ? 'alert-success' : 'alert-danger'}`}
          role={outcome.kind === 'saved' ? 'status' : 'alert'}
        >
          {outcome.kind === 'saved' ? `Ora stai operando come: ${outcome.label}` : outcome.message}
        </div>
      )}
      <form onSubmit={(event) => void onSubmit(event)}>
        <fieldset className="anagrafica-panel">
          <legend>Per chi vuoi operare?</legend>
          <div className="form-check">
            <input
              className="form-check-input"
              type="radio"
              name="tipologia"
              id="tipologia-personale"
              value={PERSONAL}
              checked={choice === PERSONAL}
              onChange={() => setChoice(PERSONAL)}
              aria-describedby="tipologia-personale-descrizione"
            />
            <label className="form-check-label" htmlFor="tipologia-personale">
              Utente privato
            </label>
            <p id="tipologia-personale-descrizione" className="form-text ms-5 mt-0">
              Il tuo account personale: gestisci la tua utenza e usi i servizi per i cittadini.
            </p>
          </div>
          {profiles.organizations.map((org) => {
            const id = `tipologia-${org.organizationId}`;
            return (
              <div className="form-check" key={org.organizationId}>
                <input
                  className="form-check-input"
                  type="radio"
                  name="tipologia"
                  id={id}
                  value={org.organizationId}
                  checked={choice === org.organizationId}
                  onChange={() => setChoice(org.organizationId)}
                  aria-describedby={`${id}-descrizione`}
                />
                <label className="form-check-label" htmlFor={id}>
                  {org.ragioneSociale}
                </label>
                <p id={`${id}-descrizione`} className="form-text ms-5 mt-0">
                  Codice fiscale {org.codiceFiscale}
                  {org.roles.length > 0 && <> · {org.roles.map(roleLabel).join(', ')}</>}
                </p>
              </div>
            );
          })}
          {profiles.organizations.length === 0 && (
            <div className="callout note mb-0">
              <div className="callout-title">Nessun account aziendale collegato</div>
              <p>
                Le aziende e gli enti compaiono in questo elenco quando risulti esserne amministratore aziendale o
                quando un amministratore ti ha delegato a operare per loro. Fino ad allora operi come utente privato.
              </p>
            </div>
          )}
        </fieldset>
        <button type="submit" className="btn btn-primary mt-3" disabled={saving}>
          {saving ? 'Conferma in corso…' : 'Conferma'}
        </button>
      </form>
    </>
  );
}
