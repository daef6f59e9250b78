import { ApiError, ConfirmDialog, type FieldErrors, messageOf, SelectField, TextField } from '@profila/ui';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ReservedHeading } from '../reserved/reserved-heading';
import { usePageTitle } from '../site';
import { italianDate, raaApi, type RaaForm, type RaaProfile, type RaaRequest, uploadAttachment } from './raa-api';
import { NoRaaProfile } from './raa-list-page';
import { RAA_PATH } from './raa-paths';

const TITLE = 'Richiesta accesso agli atti';
const CANCEL_WARNING = 'Attenzione, annullando la comunicazione tutte le modifiche andranno perse';

function formOf(r: RaaRequest): RaaForm {
  return {
    provincia: r.provincia,
    ragioneSocialeRichiedente: r.ragioneSocialeRichiedente ?? '',
    tipologiaRichiesta: r.tipologiaRichiesta ?? '',
    ragioneSocialeMandante: r.ragioneSocialeMandante ?? '',
    codiceFiscaleMandante: r.codiceFiscaleMandante ?? '',
    motivazione: r.motivazione,
  };
}

/** Blank optional fields are left out of the body (the service treats them as not given). */
function bodyOf(form: RaaForm): RaaForm {
  return Object.fromEntries(
    Object.entries(form as unknown as Record<string, string>).filter(([, v]) => v.trim() !== ''),
  ) as unknown as RaaForm;
}

/**
 * The request page of the Como manual (figure 10, and figure 11 once answered): the draft's fields, its attachments
 * (through document-store) and the workers' codici fiscali, "Salva in bozza", "Invia e protocolla", "Annulla"; a sent
 * request is shown read-only with the answer and "Stampa".
 */
export function RaaRequestPage() {
  usePageTitle(TITLE);
  const { id } = useParams();
  const navigate = useNavigate();
  const [profile, setProfile] = useState<RaaProfile | null>(null);
  const [request, setRequest] = useState<RaaRequest | null>(null);
  const [form, setForm] = useState<RaaForm>({
    provincia: '',
    ragioneSocialeRichiedente: '',
    tipologiaRichiesta: '',
    ragioneSocialeMandante: '',
    codiceFiscaleMandante: '',
    motivazione: '',
  });
  const [worker, setWorker] = useState({ codiceFiscale: '', descrizione: '' });
  const [attachment, setAttachment] = useState<{ file: File | null; descrizione: string }>({
    file: null,
    descrizione: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [busy, setBusy] = useState(false);

  const show = useCallback((r: RaaRequest) => {
    setRequest(r);
    setForm(formOf(r));
  }, []);

  useEffect(() => {
    raaApi
      .profile()
      .then(async (p) => {
        setProfile(p);
        if (!p.enabled) return;
        if (id) show(await raaApi.get(id));
        else setForm((f) => ({ ...f, provincia: p.provincia ?? '' }));
      })
      .catch((error: unknown) => setFailure(messageOf(error, 'Richiesta non trovata.')));
  }, [id, show]);

  const set = (patch: Partial<RaaForm>) => setForm((f) => ({ ...f, ...patch }));
  const reset = () => {
    setErrors({});
    setFailure(null);
    setNotice(null);
  };
  const fail = (error: unknown, field?: string) => {
    if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
      const fields = error.fieldErrors;
      setErrors(field ? { ...fields, [field]: fields[field] ?? Object.values(fields)[0] } : fields);
    } else if (field && error instanceof ApiError && error.status !== 403) setErrors({ [field]: error.message });
    else setFailure(messageOf(error));
  };

  /** The draft as saved now: created on the first save, updated on the next ones. */
  const save = async (): Promise<RaaRequest> => {
    const saved = request ? await raaApi.update(request.id, bodyOf(form)) : await raaApi.create(bodyOf(form));
    show(saved);
    if (!request) void navigate(`${RAA_PATH}/${saved.id}`, { replace: true });
    return saved;
  };

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    try {
      await save();
      setNotice('Richiesta salvata in bozza.');
    } catch (error) {
      fail(error);
    }
  };

  const onAddWorker = async () => {
    reset();
    try {
      const draft = request ?? (await save());
      show(await raaApi.addWorker(draft.id, worker.codiceFiscale, worker.descrizione));
      setWorker({ codiceFiscale: '', descrizione: '' });
    } catch (error) {
      fail(error, 'codiceFiscale');
    }
  };

  const onAddAttachment = async () => {
    reset();
    if (!attachment.file) {
      setErrors({ allegato: 'Scegliere il file da allegare' });
      return;
    }
    try {
      const draft = request ?? (await save());
      const documentId = await uploadAttachment(draft.id, attachment.file);
      show(await raaApi.addAttachment(draft.id, documentId, attachment.descrizione));
      setAttachment({ file: null, descrizione: '' });
      const input = document.getElementById('allegato') as HTMLInputElement | null;
      if (input) input.value = '';
    } catch (error) {
      if (error instanceof ApiError) setErrors({ allegato: error.fieldErrors.documentId ?? error.message });
      else fail(error);
    }
  };

  const onSubmit = async () => {
    reset();
    setBusy(true);
    try {
      const draft = await save();
      show(await raaApi.submit(draft.id));
      setNotice('Richiesta inviata e protocollata.');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const onCancel = async () => {
    setBusy(true);
    try {
      if (request) await raaApi.cancel(request.id);
      void navigate(RAA_PATH);
    } catch (error) {
      setConfirmCancel(false);
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const download = async (attachmentId: string) => {
    if (!request) return;
    try {
      const link = await raaApi.attachmentLink(request.id, attachmentId);
      window.location.assign(link.url);
    } catch (error) {
      fail(error);
    }
  };

  if (profile && !profile.enabled) {
    return (
      <>
        <ReservedHeading title={TITLE} />
        <NoRaaProfile />
      </>
    );
  }

  const editable = !request || request.editable;
  const heading =
    request?.intestazione ??
    (profile
      ? `Richiesta di accesso agli atti da parte di ${`${profile.nome ?? ''} ${profile.cognome ?? ''}`.toUpperCase()}`
      : '');

  return (
    <>
      <ReservedHeading title={TITLE}>{heading}</ReservedHeading>
      <p>
        <Link to={RAA_PATH}>Torna all&apos;elenco delle richieste</Link>
      </p>
      {notice && (
        <div className="alert alert-success" role="status" data-testid="raa-notice">
          {notice}
        </div>
      )}
      {failure && (
        <div className="alert alert-danger" role="alert" data-testid="raa-failure">
          {failure}
        </div>
      )}

      <dl className="row" data-testid="raa-header">
        <dt className="col-sm-4">Stato della richiesta</dt>
        <dd className="col-sm-8" data-testid="raa-state">
          {request?.state ?? 'BOZZA'}
        </dd>
        <dt className="col-sm-4">Data Richiesta</dt>
        <dd className="col-sm-8">{italianDate(request?.dataRichiesta ?? new Date().toISOString())}</dd>
        <dt className="col-sm-4">Num protocollo</dt>
        <dd className="col-sm-8" data-testid="raa-protocollo">
          {request?.protocollo ?? ''}
        </dd>
        <dt className="col-sm-4">Data Protocollo</dt>
        <dd className="col-sm-8">{italianDate(request?.dataProtocollo ?? null)}</dd>
        {!editable && request && (
          <>
            <dt className="col-sm-4">Provincia</dt>
            <dd className="col-sm-8">{request.provincia}</dd>
            <dt className="col-sm-4">Ragione sociale richiedente</dt>
            <dd className="col-sm-8">{request.ragioneSocialeRichiedente ?? ''}</dd>
            <dt className="col-sm-4">Tipologia richiesta</dt>
            <dd className="col-sm-8">{request.tipologiaRichiesta ?? ''}</dd>
            <dt className="col-sm-4">Ragione sociale mandante</dt>
            <dd className="col-sm-8">{request.ragioneSocialeMandante ?? ''}</dd>
            <dt className="col-sm-4">Codice Fiscale Mandante</dt>
            <dd className="col-sm-8">{request.codiceFiscaleMandante ?? ''}</dd>
            <dt className="col-sm-4">Motivazione</dt>
            <dd className="col-sm-8" data-testid="raa-motivazione">
              {request.motivazione}
            </dd>
          </>
        )}
      </dl>

      {!editable && request && (
        <p>
          <a className="btn btn-outline-primary" href={raaApi.pdfUrl(request.id)} target="_blank" rel="noreferrer">
            Stampa
          </a>
        </p>
      )}

      {editable && (
        <form onSubmit={onSave} noValidate data-testid="raa-form">
          <div className="row">
            <TextField
              id="provincia"
              label="Provincia *"
              hint="Sigla della Provincia a cui è rivolta la richiesta"
              value={form.provincia}
              error={errors.provincia}
              onChange={(v) => set({ provincia: v.toUpperCase() })}
            />
            <TextField
              id="ragioneSocialeRichiedente"
              label="Ragione sociale richiedente"
              value={form.ragioneSocialeRichiedente}
              error={errors.ragioneSocialeRichiedente}
              onChange={(v) => set({ ragioneSocialeRichiedente: v })}
            />
            <SelectField
              id="tipologiaRichiesta"
              label="Tipologia richiesta"
              placeholder="Scegli una tipologia"
              value={form.tipologiaRichiesta}
              error={errors.tipologiaRichiesta}
              onChange={(v) => set({ tipologiaRichiesta: v })}
            >
              {(profile?.tipologie ?? []).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </SelectField>
            <TextField
              id="ragioneSocialeMandante"
              label="Ragione sociale mandante"
              value={form.ragioneSocialeMandante}
              error={errors.ragioneSocialeMandante}
              onChange={(v) => set({ ragioneSocialeMandante: v })}
            />
            <TextField
              id="codiceFiscaleMandante"
              label="Codice Fiscale Mandante"
              value={form.codiceFiscaleMandante}
              error={errors.codiceFiscaleMandante}
              onChange={(v) => set({ codiceFiscaleMandante: v.toUpperCase() })}
            />
            <div className="col-12">
              <div className="form-group">
                <label htmlFor="motivazione" className="active">
                  Motivazione *
                </label>
                <textarea
                  id="motivazione"
                  rows={3}
                  className={`form-control${errors.motivazione ? ' is-invalid' : ''}`}
                  value={form.motivazione}
                  onChange={(e) => set({ motivazione: e.target.value })}
                  aria-invalid={errors.motivazione ? true : undefined}
                  aria-describedby={errors.motivazione ? 'motivazione-errore' : undefined}
                />
                {errors.motivazione && (
                  <div id="motivazione-errore" className="invalid-feedback d-block field-error">
                    {errors.motivazione}
                  </div>
                )}
              </div>
            </div>
          </div>
          <button type="submit" className="visually-hidden" tabIndex={-1}>
            Salva
          </button>
        </form>
      )}

      <section className="mb-4" aria-labelledby="allegati">
        <h2 id="allegati" className="h5">
          Allegati
        </h2>
        {editable && (
          <div className="row align-items-end">
            <div className="col-md-5">
              <div className="form-group">
                <label htmlFor="allegato" className="active">
                  File da allegare
                </label>
                <input
                  id="allegato"
                  type="file"
                  className={`form-control${errors.allegato ? ' is-invalid' : ''}`}
                  onChange={(e) => setAttachment((a) => ({ ...a, file: e.target.files?.[0] ?? null }))}
                  aria-invalid={errors.allegato ? true : undefined}
                  aria-describedby={errors.allegato ? 'allegato-errore' : undefined}
                />
                {errors.allegato && (
                  <div id="allegato-errore" className="invalid-feedback d-block field-error">
                    {errors.allegato}
                  </div>
                )}
              </div>
            </div>
            <div className="col-md-5">
              <div className="form-group">
                <label htmlFor="allegato-descrizione" className="active">
                  Descrizione allegato
                </label>
                <input
                  id="allegato-descrizione"
                  className="form-control"
                  value={attachment.descrizione}
                  onChange={(e) => setAttachment((a) => ({ ...a, descrizione: e.target.value }))}
                />
              </div>
            </div>
            <div className="col-md-2 mb-3">
              <button type="button" className="btn btn-outline-primary" onClick={() => void onAddAttachment()}>
                Allega
              </button>
            </div>
          </div>
        )}
        <h3 className="h6">Elenco Allegati</h3>
        <table className="table table-sm" data-testid="raa-attachments">
          <thead>
            <tr>
              <th scope="col">Nome</th>
              <th scope="col">Descrizione</th>
              <th scope="col">Stato</th>
              <th scope="col">{editable ? 'Elimina' : 'Scarica'}</th>
            </tr>
          </thead>
          <tbody>
            {(request?.attachments ?? []).map((a) => (
              <tr key={a.id}>
                <td>{a.nome}</td>
                <td>{a.descrizione ?? ''}</td>
                <td>{a.stato}</td>
                <td>
                  {editable ? (
                    <button
                      type="button"
                      className="btn btn-link p-0"
                      onClick={() =>
                        void raaApi.removeAttachment(request!.id, a.id).then(show, (error: unknown) => fail(error))
                      }
                    >
                      Elimina
                    </button>
                  ) : (
                    <button type="button" className="btn btn-link p-0" onClick={() => void download(a.id)}>
                      Scarica
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="mb-4" aria-labelledby="lavoratori">
        <h2 id="lavoratori" className="h5">
          Codici Fiscali Lavoratori di cui si richiedono informazioni
        </h2>
        {editable && (
          <div className="row align-items-end">
            <TextField
              id="codiceFiscale"
              label="Codice fiscale lavoratore"
              value={worker.codiceFiscale}
              error={errors.codiceFiscale}
              onChange={(v) => setWorker((w) => ({ ...w, codiceFiscale: v.toUpperCase() }))}
            />
            <div className="col-md-4">
              <div className="form-group">
                <label htmlFor="lavoratore-descrizione" className="active">
                  Descrizione lavoratore
                </label>
                <input
                  id="lavoratore-descrizione"
                  className="form-control"
                  value={worker.descrizione}
                  onChange={(e) => setWorker((w) => ({ ...w, descrizione: e.target.value }))}
                />
              </div>
            </div>
            <div className="col-md-2 mb-3">
              <button type="button" className="btn btn-outline-primary" onClick={() => void onAddWorker()}>
                Aggiungi
              </button>
            </div>
          </div>
        )}
        {errors.lavoratori && (
          <div className="alert alert-danger field-error" role="alert">
            {errors.lavoratori}
          </div>
        )}
        <h3 className="h6">Elenco codici Fiscali</h3>
        <table className="table table-sm" data-testid="raa-workers">
          <thead>
            <tr>
              <th scope="col">Codice Fiscale</th>
              <th scope="col">Descrizione</th>
              <th scope="col">Stato</th>
              {request?.answer ? <th scope="col">Situazione Lavorativa</th> : null}
              {editable ? <th scope="col">Elimina</th> : null}
            </tr>
          </thead>
          <tbody>
            {(request?.workers ?? []).map((w) => (
              <tr key={w.id} data-worker={w.codiceFiscale}>
                <td>{w.codiceFiscale}</td>
                <td>
                  {w.descrizione ?? ''}
                  {w.avviso && <div className="text-warning small">{w.avviso}</div>}
                </td>
                <td>{w.stato}</td>
                {request?.answer ? (
                  <td>
                    <strong>{w.situazioneLabel}</strong>
                    {w.situazione === 'LAVORA' && (
                      <div className="small">
                        {w.datoreRagioneSociale}
                        {w.datoreCf ? ` (${w.datoreCf})` : ''} dal {italianDate(w.dataInizio)}
                      </div>
                    )}
                  </td>
                ) : null}
                {editable ? (
                  <td>
                    <button
                      type="button"
                      className="btn btn-link p-0"
                      aria-label={`Elimina ${w.codiceFiscale}`}
                      onClick={() =>
                        void raaApi.removeWorker(request!.id, w.id).then(show, (error: unknown) => fail(error))
                      }
                    >
                      Elimina
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {request?.answer && (
        <section className="mb-4" aria-labelledby="risposta" data-testid="raa-answer">
          <h2 id="risposta" className="h5">
            Risposta provincia
          </h2>
          <p>Situazione alla data di ricerca: {italianDate(request.answer.dataRicerca)}</p>
          <p>{request.answer.rispostaProvincia ?? ''}</p>
        </section>
      )}
      {request?.refusal && (
        <div className="callout danger" data-testid="raa-refusal">
          <div className="callout-title">Richiesta respinta</div>
          <p className="mb-0">{request.refusal.motivo}</p>
        </div>
      )}

      {editable && (
        <div className="d-flex gap-2 mb-5">
          <button type="button" className="btn btn-outline-primary" onClick={(e) => void onSave(e)}>
            Salva in bozza
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void onSubmit()}>
            Invia e protocolla
          </button>
          <button type="button" className="btn btn-outline-danger" onClick={() => setConfirmCancel(true)}>
            Annulla
          </button>
        </div>
      )}
      {confirmCancel && (
        <ConfirmDialog
          title="Annulla la richiesta"
          confirmLabel="Conferma annullamento"
          busy={busy}
          onConfirm={() => void onCancel()}
          onCancel={() => setConfirmCancel(false)}
        >
          <p className="mb-0">{CANCEL_WARNING}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
