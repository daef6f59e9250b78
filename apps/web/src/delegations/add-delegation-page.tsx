import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, Dialog, messageOf, useSession } from '@profila/ui';
import { DateInput } from './delegate-page';
import { delegationsApi, type Destinatario, type Profilo, todayInRome } from './delegations-api';

export const CREATED = "L'assegnazione della delega è avvenuta correttamente";
const NO_PROFILE = 'Per inviare deleghe è necessario avere almeno un profilo (Tipo Profilo: Azienda) associato.';

/** "Aggiungi delega": Destinatario*, Profilo*, Data inizio* (today), Data scadenza*, Salva. */
export function AddDelegationPage() {
  const { expired } = useSession();
  const [destinatario, setDestinatario] = useState<Destinatario | null>(null);
  const [profilo, setProfilo] = useState<Profilo | null>(null);
  const [tipo, setTipo] = useState('');
  const [dataInizio, setDataInizio] = useState(todayInRome());
  const [dataScadenza, setDataScadenza] = useState('');
  const [dialog, setDialog] = useState<'destinatario' | 'profilo' | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [delegable, setDelegable] = useState<Profilo[] | null>(null);
  const outcome = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done || error) outcome.current?.focus();
  }, [done, error]);

  useEffect(() => {
    delegationsApi.profiles().then(
      (r) => setDelegable(r.profili),
      () => setDelegable(null),
    );
  }, []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    const missing: Record<string, string> = {};
    if (!destinatario) missing.codiceFiscaleDelegato = 'Selezionare il destinatario con «Ricerca destinatario»';
    if (!profilo) missing.organizationId = 'Selezionare il profilo con «Ricerca profilo»';
    if (!dataInizio) missing.dataInizio = 'Indicare la data di inizio';
    if (!dataScadenza) missing.dataScadenza = 'Indicare la data di scadenza';
    setFields(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      const { messaggio } = await delegationsApi.create({
        codiceFiscaleDelegato: destinatario!.codiceFiscale,
        organizationId: profilo!.organizationId,
        dataInizio,
        dataScadenza,
        ...(tipo ? { tipoSoggettoAbilitato: tipo } : {}),
      });
      setDone(messaggio);
      setDestinatario(null);
      setDataScadenza('');
    } catch (e) {
      if (e instanceof ApiError && e.unauthenticated) expired();
      else if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) setFields(e.fieldErrors);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="aggiungi-delega">
      <p>
        <Link to="/area-riservata/deleghe">← Lista delegati</Link>
      </p>
      <h2 id="aggiungi-delega" className="h4">
        Aggiungi delega
      </h2>
      <p>Il destinatario deve aver effettuato almeno una volta l&apos;accesso al portale con le proprie credenziali.</p>
      {delegable && delegable.length === 0 && (
        <div className="callout warning">
          <div className="callout-title">Nessun profilo associato</div>
          <p>{NO_PROFILE}</p>
        </div>
      )}
      {(done || error) && (
        <div
          ref={outcome}
          tabIndex={-1}
          className={`alert ${done ? 'alert-success' : 'alert-danger'}`}
          role={done ? 'status' : 'alert'}
        >
          {done ?? error}
        </div>
      )}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="anagrafica-panel">
        <PickerField
          id="destinatario"
          label="Destinatario*"
          value={destinatario ? `${destinatario.codiceFiscale} — ${destinatario.nome} ${destinatario.cognome}` : ''}
          button="Ricerca destinatario"
          onPick={() => setDialog('destinatario')}
          error={fields.codiceFiscaleDelegato}
        />
        <PickerField
          id="profilo"
          label="Profilo*"
          value={profilo ? `${profilo.codiceFiscale} — ${profilo.denominazione}` : ''}
          button="Ricerca profilo"
          onPick={() => setDialog('profilo')}
          error={fields.organizationId}
        />
        {profilo && profilo.tipiSoggettoAbilitato.length > 0 && (
          <div className="select-wrapper form-group">
            <label htmlFor="tipo-soggetto">Tipo soggetto abilitato</label>
            <select id="tipo-soggetto" value={tipo} onChange={(event) => setTipo(event.target.value)}>
              <option value="">Nessuno</option>
              {profilo.tipiSoggettoAbilitato.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="row">
          <div className="col-md-6">
            <DateInput
              id="data-inizio"
              label="Data inizio*"
              value={dataInizio}
              onChange={setDataInizio}
              error={fields.dataInizio}
            />
          </div>
          <div className="col-md-6">
            <DateInput
              id="data-scadenza"
              label="Data scadenza*"
              value={dataScadenza}
              onChange={setDataScadenza}
              error={fields.dataScadenza}
            />
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Salvataggio in corso…' : 'Salva'}
        </button>
      </form>
      {dialog === 'destinatario' && (
        <RecipientDialog
          onClose={() => setDialog(null)}
          onSelect={(d) => {
            setDestinatario(d);
            setDialog(null);
          }}
        />
      )}
      {dialog === 'profilo' && (
        <ProfileDialog
          onClose={() => setDialog(null)}
          onSelect={(p) => {
            setProfilo(p);
            setTipo('');
            setDialog(null);
          }}
        />
      )}
    </section>
  );
}

function PickerField({
  id,
  label,
  value,
  button,
  onPick,
  error,
}: {
  id: string;
  label: string;
  value: string;
  button: string;
  onPick: () => void;
  error?: string;
}) {
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <div className="input-group">
        <input
          id={id}
          type="text"
          readOnly
          className={`form-control${error ? ' is-invalid' : ''}`}
          value={value}
          placeholder="Nessuna selezione"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-errore` : undefined}
        />
        <button type="button" className="btn btn-outline-primary" onClick={onPick}>
          {button}
        </button>
      </div>
      {error && (
        <div id={`${id}-errore`} className="invalid-feedback d-block field-error">
          {error}
        </div>
      )}
    </div>
  );
}

/** "Seleziona Destinatario": at least 3 characters of the codice fiscale, then "Ricerca destinatari". */
function RecipientDialog({ onClose, onSelect }: { onClose: () => void; onSelect: (d: Destinatario) => void }) {
  const [cf, setCf] = useState('');
  const [found, setFound] = useState<Destinatario[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (cf.trim().length < 3) {
      setError('Inserire almeno 3 caratteri del codice fiscale');
      return;
    }
    setBusy(true);
    try {
      setFound((await delegationsApi.searchRecipients(cf.trim())).citizens);
    } catch (e) {
      setError(e instanceof ApiError ? (Object.values(e.fieldErrors)[0] ?? e.message) : 'Ricerca non riuscita.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Seleziona Destinatario" onClose={onClose} size="lg">
      <form noValidate onSubmit={(event) => void search(event)}>
        <div className="form-group">
          <label htmlFor="ricerca-destinatario-cf" className="active">
            Codice fiscale del destinatario
          </label>
          <input
            id="ricerca-destinatario-cf"
            type="text"
            className={`form-control${error ? ' is-invalid' : ''}`}
            value={cf}
            maxLength={16}
            onChange={(event) => setCf(event.target.value.toUpperCase())}
            aria-describedby="ricerca-destinatario-aiuto"
          />
          <small id="ricerca-destinatario-aiuto" className="form-text">
            Inserire almeno 3 caratteri.
          </small>
          {error && <div className="invalid-feedback d-block field-error">{error}</div>}
        </div>
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
          Ricerca destinatari
        </button>
      </form>
      {found && (
        <div className="mt-3">
          <h3 className="h6">Lista destinatari</h3>
          {found.length === 0 ? (
            <p role="status">
              Nessun destinatario trovato: la persona deve aver effettuato almeno un accesso al portale.
            </p>
          ) : (
            <table className="table table-sm">
              <caption className="visually-hidden">Lista destinatari</caption>
              <thead>
                <tr>
                  <th scope="col">Codice fiscale</th>
                  <th scope="col">Nome</th>
                  <th scope="col">
                    <span className="visually-hidden">Azione</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {found.map((d) => (
                  <tr key={d.codiceFiscale}>
                    <td>{d.codiceFiscale}</td>
                    <td>
                      {d.nome} {d.cognome}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-outline-primary btn-xs"
                        onClick={() => onSelect(d)}
                        aria-label={`Seleziona ${d.codiceFiscale}`}
                      >
                        Seleziona
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </Dialog>
  );
}

/** "Ricerca profilo": the profiles I may delegate for. */
function ProfileDialog({ onClose, onSelect }: { onClose: () => void; onSelect: (p: Profilo) => void }) {
  const [profili, setProfili] = useState<Profilo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    delegationsApi.profiles().then(
      (r) => setProfili(r.profili),
      (e: unknown) => setError(messageOf(e, 'Caricamento dei profili non riuscito.')),
    );
  }, []);
  return (
    <Dialog title="Seleziona Profilo" onClose={onClose} size="lg">
      {error && (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      )}
      {!profili && !error && <p role="status">Caricamento dei profili in corso…</p>}
      {profili && profili.length === 0 && (
        <div className="callout note mb-0">
          <div className="callout-title">Nessun profilo delegabile</div>
          <p>{NO_PROFILE}</p>
        </div>
      )}
      {profili && profili.length > 0 && (
        <table className="table table-sm">
          <caption className="visually-hidden">Profili delegabili</caption>
          <thead>
            <tr>
              <th scope="col">Codice fiscale</th>
              <th scope="col">Denominazione</th>
              <th scope="col">
                <span className="visually-hidden">Azione</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {profili.map((p) => (
              <tr key={p.organizationId}>
                <td>{p.codiceFiscale}</td>
                <td>{p.denominazione}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-xs"
                    onClick={() => onSelect(p)}
                    aria-label={`Seleziona ${p.denominazione}`}
                  >
                    Seleziona
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
