import { ApiError, type FieldErrors, messageOf, TextField } from '@profila/ui';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import type { NominationPrefill } from '../claim/claim-api';
import { ReservedHeading } from '../reserved/reserved-heading';
import { usePageTitle } from '../site';
import {
  DELEGA_TEMPLATE_URL,
  type DocumentSlot,
  nominationApi,
  type NominationForm,
  type NominationRequest,
  type OrganizationHit,
  uploadDocument,
} from './nomination-api';

export const NOMINATION_PATH = '/area-riservata/amministratore';
const TITLE = 'Gestione dati amministratore';

const EMPTY: NominationForm = {
  organizationId: '',
  nome: '',
  cognome: '',
  dataNascita: '',
  luogoNascita: '',
  codiceFiscale: '',
  email: '',
  emailConferma: '',
};

function formOf(request: NominationRequest): NominationForm {
  return {
    organizationId: request.organization?.organizationId ?? '',
    nome: request.person.nome,
    cognome: request.person.cognome,
    dataNascita: request.person.dataNascita ?? '',
    luogoNascita: request.person.luogoNascita ?? '',
    codiceFiscale: request.person.codiceFiscale,
    email: request.person.email,
    emailConferma: request.person.email,
  };
}

/**
 * "Scelta dell'Amministratore" (Trentino Lavoro): the company names its Amministratore — Dati Amministratore
 * Aziendale, the delega and the identity documents — and follows the request ("In attesa di abilitazione"), editable
 * until an operator takes it; after "Da integrare" it is updated and sent again.
 */
export function NominationPage() {
  usePageTitle(TITLE);
  // From "Accedi all'utenza aziendale": the legacy login's company and referent pre-fill a new nomination.
  const claim = (useLocation().state as NominationPrefill | null)?.claim ?? null;
  const [mine, setMine] = useState<NominationRequest[]>([]);
  const [current, setCurrent] = useState<NominationRequest | null>(null);
  const [form, setForm] = useState<NominationForm>(() =>
    claim?.referente
      ? {
          ...EMPTY,
          nome: claim.referente.nome,
          cognome: claim.referente.cognome,
          dataNascita: claim.referente.dataNascita ?? '',
          luogoNascita: claim.referente.luogoNascita ?? '',
          codiceFiscale: claim.referente.codiceFiscale,
          email: claim.referente.email ?? '',
          emailConferma: claim.referente.email ?? '',
        }
      : EMPTY,
  );
  const [company, setCompany] = useState<OrganizationHit | null>(
    claim
      ? { id: claim.organizationId, ragioneSociale: claim.ragioneSociale, codiceFiscale: claim.codiceFiscale }
      : null,
  );
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<OrganizationHit[] | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = useCallback(() => {
    nominationApi
      .mine()
      .then((body) => setMine(body.items.filter((r) => r.kind === 'amministratore')))
      .catch((error: unknown) => setFailure(error instanceof ApiError ? error.message : 'Caricamento non riuscito.'));
  }, []);
  useEffect(refresh, [refresh]);

  const set = (patch: Partial<NominationForm>) => setForm((f) => ({ ...f, ...patch }));
  const fail = (error: unknown) => {
    if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) setErrors(error.fieldErrors);
    else setFailure(messageOf(error));
  };
  const reset = () => {
    setErrors({});
    setFailure(null);
    setMessage(null);
  };

  const open = (request: NominationRequest) => {
    reset();
    setCurrent(request);
    setForm(formOf(request));
    setCompany(
      request.organization?.organizationId
        ? {
            id: request.organization.organizationId,
            ragioneSociale: request.organization.ragioneSociale,
            codiceFiscale: request.organization.codiceFiscale,
          }
        : null,
    );
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    try {
      setHits((await nominationApi.searchOrganizations(query.trim())).items);
    } catch (error) {
      fail(error);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    try {
      const body = { ...form, organizationId: company?.id ?? '' };
      const saved = current ? await nominationApi.update(current.id, body) : await nominationApi.create(body);
      setCurrent(saved);
      setMessage(current ? 'Dati aggiornati.' : 'Dati salvati: carica i documenti e invia la richiesta.');
      refresh();
    } catch (error) {
      fail(error);
    }
  };

  const attach = async (slot: DocumentSlot, file: File | undefined) => {
    if (!file || !current) return;
    reset();
    try {
      await uploadDocument(slot, file);
      setCurrent(await nominationApi.get(current.id));
      setMessage(`File caricato: ${slot.label}.`);
    } catch (error) {
      if (error instanceof ApiError) setErrors({ [`documento-${slot.kind}`]: error.message });
      else fail(error);
    }
  };

  const send = async () => {
    if (!current) return;
    reset();
    try {
      const sent =
        current.state === 'integration-requested'
          ? await nominationApi.resubmit(current.id)
          : await nominationApi.submit(current.id);
      setCurrent(sent);
      setMessage(`Operazione effettuata: richiesta ${sent.stateLabel.toLowerCase()}.`);
      refresh();
    } catch (error) {
      fail(error);
    }
  };

  const editable = !current || current.editable;
  const sendable = current && (current.state === 'draft' || current.state === 'integration-requested');

  return (
    <>
      <ReservedHeading title={TITLE}>
        Indica l&apos;Amministratore delle utenze della tua azienda: i suoi dati, la delega dell&apos;azienda e i
        documenti di riconoscimento. Fino alla verifica dell&apos;operatore potrai modificarli.
      </ReservedHeading>

      {mine.length > 0 && (
        <section className="mb-4" aria-labelledby="richieste-inviate">
          <h2 id="richieste-inviate" className="h4">
            Le tue richieste
          </h2>
          <ul className="list-group" data-testid="my-nominations">
            {mine.map((r) => (
              <li key={r.id} className="list-group-item d-flex justify-content-between align-items-center">
                <span>
                  {r.person.cognome} {r.person.nome} per {r.organization?.ragioneSociale ?? '—'} —{' '}
                  <strong>{r.stateLabel}</strong>
                </span>
                <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => open(r)}>
                  Apri
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {message && (
        <div className="alert alert-success" role="status">
          {message}
        </div>
      )}
      {failure && (
        <div className="alert alert-danger" role="alert">
          {failure}
        </div>
      )}
      {current && (
        <p>
          Stato: <strong data-testid="nomination-state">{current.stateLabel}</strong>
        </p>
      )}
      {current?.decisionNote && current.state === 'integration-requested' && (
        <div className="callout note mt-0 mb-4">
          <div className="callout-title">Da integrare</div>
          <p className="mb-0">{current.decisionNote}</p>
        </div>
      )}

      <section className="mb-4" aria-labelledby="dati-azienda">
        <h2 id="dati-azienda" className="h4">
          Dati Azienda
        </h2>
        {company ? (
          <p>
            {company.ragioneSociale} — Codice Fiscale {company.codiceFiscale}
            {!current && (
              <button type="button" className="btn btn-link btn-sm" onClick={() => setCompany(null)}>
                Cambia azienda
              </button>
            )}
          </p>
        ) : (
          <form className="row align-items-end" onSubmit={(e) => void search(e)}>
            <TextField
              id="cerca-azienda"
              label="Codice fiscale o ragione sociale dell'azienda"
              value={query}
              error={errors.organizationId ?? errors.q}
              onChange={setQuery}
            />
            <div className="col-md-6 mb-4">
              <button type="submit" className="btn btn-outline-primary">
                Cerca
              </button>
            </div>
            {hits && hits.length === 0 && <p className="col-12">Nessuna azienda trovata.</p>}
            {hits && hits.length > 0 && (
              <ul className="col-12 list-unstyled">
                {hits.map((hit) => (
                  <li key={hit.id}>
                    <button type="button" className="btn btn-link" onClick={() => setCompany(hit)}>
                      {hit.ragioneSociale} ({hit.codiceFiscale})
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </form>
        )}
      </section>

      <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="dati-amministratore">
        <h2 id="dati-amministratore" className="h4">
          Dati Amministratore Aziendale
        </h2>
        <fieldset disabled={!editable}>
          <div className="row">
            <TextField
              id="nome"
              label="Nome *"
              value={form.nome}
              error={errors.nome}
              onChange={(v) => set({ nome: v })}
            />
            <TextField
              id="cognome"
              label="Cognome *"
              value={form.cognome}
              error={errors.cognome}
              onChange={(v) => set({ cognome: v })}
            />
            <TextField
              id="dataNascita"
              label="Data di Nascita *"
              hint="Nel formato AAAA-MM-GG, esempio: 2004-11-17"
              value={form.dataNascita}
              error={errors.dataNascita}
              onChange={(v) => set({ dataNascita: v })}
            />
            <TextField
              id="luogoNascita"
              label="Comune o stato di nascita *"
              hint="Codice catastale del comune, o Z… per uno stato estero"
              value={form.luogoNascita}
              error={errors.luogoNascita}
              onChange={(v) => set({ luogoNascita: v.toUpperCase() })}
            />
            <TextField
              id="codiceFiscale"
              label="Codice Fiscale *"
              value={form.codiceFiscale}
              error={errors.codiceFiscale}
              onChange={(v) => set({ codiceFiscale: v.toUpperCase() })}
            />
            <TextField
              id="email"
              type="email"
              label="Indirizzo E-mail Amministratore aziendale *"
              value={form.email}
              error={errors.email}
              onChange={(v) => set({ email: v })}
            />
            <TextField
              id="emailConferma"
              type="email"
              label="Indirizzo E-mail Amministratore aziendale Conferma *"
              value={form.emailConferma}
              error={errors.emailConferma}
              onChange={(v) => set({ emailConferma: v })}
            />
          </div>
          <button type="submit" className="btn btn-primary mb-4">
            Salva
          </button>
        </fieldset>
      </form>

      {current?.documents && (
        <section className="mb-4" aria-labelledby="documenti">
          <h2 id="documenti" className="h4">
            Documenti
          </h2>
          <ul className="list-group mb-3">
            {current.documents.map((slot) => {
              const id = `documento-${slot.kind}`;
              return (
                <li key={`${slot.kind}-${slot.entityId}`} className="list-group-item">
                  <label htmlFor={id} className="fw-semibold d-block">
                    {slot.label}
                    {slot.required ? ' *' : ''}
                  </label>
                  <small className="d-block mb-2">{slot.fileName ?? 'Nessun file caricato'}</small>
                  {editable && (
                    <input
                      id={id}
                      type="file"
                      accept="application/pdf,image/png,image/jpeg,.p7m"
                      aria-invalid={errors[id] ? true : undefined}
                      aria-describedby={errors[id] ? `${id}-errore` : undefined}
                      onChange={(e) => void attach(slot, e.target.files?.[0])}
                    />
                  )}
                  {slot.kind === 'delega-document' && (
                    <a className="ms-3" href={DELEGA_TEMPLATE_URL}>
                      Scarica documento di delega
                    </a>
                  )}
                  {errors[id] && (
                    <div id={`${id}-errore`} className="invalid-feedback d-block field-error">
                      {errors[id]}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
          {Object.entries(errors)
            .filter(([key]) => key.startsWith('documenti'))
            .map(([key, text]) => (
              <div key={key} className="invalid-feedback d-block field-error">
                {text}
              </div>
            ))}
          {sendable && (
            <button type="button" className="btn btn-primary" onClick={() => void send()}>
              {current.state === 'integration-requested' ? 'Invia integrazione' : 'Invia richiesta'}
            </button>
          )}
        </section>
      )}
    </>
  );
}
