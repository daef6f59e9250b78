import { ApiError, Dialog, type FieldErrors, messageOf, PageHeading } from '@profila/ui';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { usePageTitle } from '../site';
import { ApiRefusal } from '../verification/api-refusal';
import { type AnswerLine, italianDate, type Lookup, officerRaaApi, type RaaRequest, romeToday } from './raa-api';
import { RAA_QUEUE_PATH } from './raa-queue-page';

const TITLE = 'Richiesta accesso agli atti';
const NO_RELATIONSHIP = 'nessun rapporto di lavoro in corso alla data di ricerca';

/**
 * One request of the officer's Provincia: its data and attachments, then the answer (per worker the situation at the
 * search date, prefilled from the employment records and editable, and "Risposta provincia") or the refusal.
 */
export function RaaDetailPage() {
  usePageTitle(TITLE);
  const { id = '' } = useParams();
  const [request, setRequest] = useState<RaaRequest | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [dataRicerca, setDataRicerca] = useState(romeToday());
  const [lines, setLines] = useState<AnswerLine[] | null>(null);
  const [risposta, setRisposta] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [refuseOpen, setRefuseOpen] = useState(false);
  const [motivo, setMotivo] = useState('');
  const [lookups, setLookups] = useState<{ cf: string; items: Lookup[] } | null>(null);

  useEffect(() => {
    officerRaaApi.get(id).then(setRequest, setRefusal);
  }, [id]);

  const prefill = useCallback(async () => {
    setFailure(null);
    try {
      setLines((await officerRaaApi.answerDraft(id, dataRicerca)).lavoratori);
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      setFailure(messageOf(error));
    }
  }, [id, dataRicerca]);

  const setLine = (index: number, patch: Partial<AnswerLine>) =>
    setLines((current) => current!.map((l, i) => (i === index ? { ...l, ...patch } : l)));

  const answer = async () => {
    if (!lines) return;
    setErrors({});
    setFailure(null);
    try {
      const body = {
        dataRicerca,
        ...(risposta.trim() ? { rispostaProvincia: risposta } : {}),
        lavoratori: lines.map((l) =>
          l.situazione === 'LAVORA'
            ? {
                workerId: l.workerId,
                situazione: l.situazione,
                ...(l.datoreCf ? { datoreCf: l.datoreCf } : {}),
                ...(l.datoreRagioneSociale ? { datoreRagioneSociale: l.datoreRagioneSociale } : {}),
                ...(l.dataInizio ? { dataInizio: l.dataInizio } : {}),
                ...(l.tipologiaContrattuale ? { tipologiaContrattuale: l.tipologiaContrattuale } : {}),
              }
            : { workerId: l.workerId, situazione: l.situazione },
        ),
      };
      setRequest(await officerRaaApi.answer(id, body));
      setLines(null);
      setNotice('Richiesta evasa: il richiedente riceve una mail.');
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) setErrors(error.fieldErrors);
      else setFailure(messageOf(error));
    }
  };

  const refuse = async () => {
    setErrors({});
    try {
      setRequest(await officerRaaApi.refuse(id, motivo));
      setRefuseOpen(false);
      setNotice('Richiesta respinta: il richiedente riceve una mail.');
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) setErrors(error.fieldErrors);
      else setFailure(messageOf(error));
    }
  };

  const showLookups = async (cf: string) => {
    try {
      setLookups({ cf, items: (await officerRaaApi.lookups(cf)).items });
    } catch (error) {
      setFailure(messageOf(error));
    }
  };

  const download = async (attachmentId: string) => {
    try {
      window.location.assign((await officerRaaApi.attachmentLink(id, attachmentId)).url);
    } catch (error) {
      setFailure(messageOf(error));
    }
  };

  const trail = [
    { to: '/', label: 'Cruscotto' },
    { to: RAA_QUEUE_PATH, label: 'Richieste RAA' },
  ];
  if (refusal) {
    return (
      <>
        <PageHeading title={TITLE} trail={trail} className="mb-3" />
        <ApiRefusal error={refusal} />
      </>
    );
  }
  if (!request) return <p>Caricamento della richiesta…</p>;

  return (
    <>
      <PageHeading title={TITLE} trail={trail} className="mb-3" leadClassName="lead">
        {request.intestazione}
      </PageHeading>
      {notice && (
        <div className="alert alert-success" role="status" data-testid="raa-decision-notice">
          {notice}
        </div>
      )}
      {failure && (
        <div className="alert alert-danger" role="alert">
          {failure}
        </div>
      )}
      <dl className="row">
        <dt className="col-sm-4">Stato della richiesta</dt>
        <dd className="col-sm-8" data-testid="raa-state">
          {request.state}
        </dd>
        <dt className="col-sm-4">Data Richiesta</dt>
        <dd className="col-sm-8">{italianDate(request.dataRichiesta)}</dd>
        <dt className="col-sm-4">Num protocollo</dt>
        <dd className="col-sm-8" data-testid="raa-protocollo">
          {request.protocollo}
        </dd>
        <dt className="col-sm-4">Data Protocollo</dt>
        <dd className="col-sm-8">{italianDate(request.dataProtocollo)}</dd>
        <dt className="col-sm-4">Richiedente</dt>
        <dd className="col-sm-8">
          {request.requester.cognome} {request.requester.nome} ({request.requester.codiceFiscale})
        </dd>
        <dt className="col-sm-4">Ragione sociale richiedente</dt>
        <dd className="col-sm-8">{request.ragioneSocialeRichiedente ?? ''}</dd>
        <dt className="col-sm-4">Tipologia richiesta</dt>
        <dd className="col-sm-8">{request.tipologiaRichiesta ?? ''}</dd>
        <dt className="col-sm-4">Ragione sociale mandante</dt>
        <dd className="col-sm-8">{request.ragioneSocialeMandante ?? ''}</dd>
        <dt className="col-sm-4">Codice Fiscale Mandante</dt>
        <dd className="col-sm-8">{request.codiceFiscaleMandante ?? ''}</dd>
        <dt className="col-sm-4">Motivazione</dt>
        <dd className="col-sm-8">{request.motivazione}</dd>
      </dl>

      <h2 className="h5">Elenco Allegati</h2>
      <ul data-testid="raa-attachments">
        {request.attachments.map((a) => (
          <li key={a.id}>
            {a.nome} {a.descrizione ? `— ${a.descrizione}` : ''}{' '}
            <button type="button" className="btn btn-link p-0" onClick={() => void download(a.id)}>
              Scarica
            </button>
          </li>
        ))}
        {request.attachments.length === 0 && <li>Nessun allegato</li>}
      </ul>

      <h2 className="h5">Codici Fiscali Lavoratori di cui si richiedono informazioni</h2>
      <table className="table table-sm" data-testid="raa-workers">
        <thead>
          <tr>
            <th scope="col">Codice Fiscale</th>
            <th scope="col">Descrizione</th>
            <th scope="col">Situazione Lavorativa</th>
            <th scope="col">Consultazioni</th>
          </tr>
        </thead>
        <tbody>
          {request.workers.map((w) => (
            <tr key={w.id} data-worker={w.codiceFiscale}>
              <td>{w.codiceFiscale}</td>
              <td>
                {w.descrizione ?? ''}
                {w.avviso && <div className="small text-warning">{w.avviso}</div>}
              </td>
              <td>
                {w.situazioneLabel ?? ''}
                {w.situazione === 'LAVORA' && (
                  <div className="small">
                    {w.datoreRagioneSociale} dal {italianDate(w.dataInizio)}
                  </div>
                )}
              </td>
              <td>
                <button type="button" className="btn btn-link p-0" onClick={() => void showLookups(w.codiceFiscale)}>
                  Chi ha consultato
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {request.answer && (
        <section data-testid="raa-answer">
          <h2 className="h5">Risposta provincia</h2>
          <p>Data di ricerca: {italianDate(request.answer.dataRicerca)}</p>
          <p>{request.answer.rispostaProvincia}</p>
        </section>
      )}
      {request.refusal && (
        <div className="callout danger">
          <div className="callout-title">Respinta</div>
          <p className="mb-0">{request.refusal.motivo}</p>
        </div>
      )}
      <p>
        <a className="btn btn-outline-primary btn-sm" href={officerRaaApi.pdfUrl(id)} target="_blank" rel="noreferrer">
          Stampa
        </a>
      </p>

      {request.state === 'INVIATA' && (
        <section className="mt-4" aria-labelledby="evasione" data-testid="raa-answer-form">
          <h2 id="evasione" className="h4">
            Evasione della richiesta
          </h2>
          <div className="row align-items-end">
            <div className="col-md-4">
              <div className="form-group">
                <label htmlFor="dataRicerca" className="active">
                  Data di ricerca *
                </label>
                <input
                  id="dataRicerca"
                  type="date"
                  className={`form-control${errors.dataRicerca ? ' is-invalid' : ''}`}
                  value={dataRicerca}
                  onChange={(e) => setDataRicerca(e.target.value)}
                />
                {errors.dataRicerca && <div className="invalid-feedback d-block field-error">{errors.dataRicerca}</div>}
              </div>
            </div>
            <div className="col-md-4 mb-3">
              <button type="button" className="btn btn-outline-primary" onClick={() => void prefill()}>
                Cerca nella banca dati
              </button>
            </div>
          </div>
          {errors.lavoratori && <div className="alert alert-danger field-error">{errors.lavoratori}</div>}
          {lines?.map((l, i) => (
            <fieldset key={l.workerId} className="border rounded p-3 mb-3" data-answer-worker={l.codiceFiscale}>
              <legend className="h6 w-auto px-2">{l.codiceFiscale}</legend>
              <div className="row">
                <div className="col-md-4">
                  <div className="select-wrapper form-group">
                    <label htmlFor={`situazione-${i}`}>Situazione</label>
                    <select
                      id={`situazione-${i}`}
                      value={l.situazione}
                      onChange={(e) => setLine(i, { situazione: e.target.value })}
                    >
                      <option value="LAVORA">Lavora</option>
                      <option value="NESSUN_RAPPORTO">{NO_RELATIONSHIP}</option>
                    </select>
                  </div>
                </div>
                {l.situazione === 'LAVORA' && (
                  <>
                    {(
                      [
                        ['datoreRagioneSociale', 'Datore di lavoro'],
                        ['datoreCf', 'Codice fiscale datore'],
                        ['dataInizio', 'Data inizio (AAAA-MM-GG)'],
                      ] as const
                    ).map(([field, label]) => (
                      <div className="col-md-4" key={field}>
                        <div className="form-group">
                          <label htmlFor={`${field}-${i}`} className="active">
                            {label}
                          </label>
                          <input
                            id={`${field}-${i}`}
                            className={`form-control${errors[`lavoratori.${i}.${field}`] ? ' is-invalid' : ''}`}
                            value={l[field] ?? ''}
                            onChange={(e) => setLine(i, { [field]: e.target.value })}
                          />
                          {errors[`lavoratori.${i}.${field}`] && (
                            <div className="invalid-feedback d-block field-error">
                              {errors[`lavoratori.${i}.${field}`]}
                            </div>
                          )}
                        </div>
                      </div>
                    ))}
                  </>
                )}
              </div>
            </fieldset>
          ))}
          {lines && (
            <>
              <div className="form-group">
                <label htmlFor="rispostaProvincia" className="active">
                  Risposta provincia
                </label>
                <textarea
                  id="rispostaProvincia"
                  className="form-control"
                  rows={3}
                  value={risposta}
                  onChange={(e) => setRisposta(e.target.value)}
                />
              </div>
              <button type="button" className="btn btn-primary me-2" onClick={() => void answer()}>
                Evadi richiesta
              </button>
            </>
          )}
          <button type="button" className="btn btn-outline-danger" onClick={() => setRefuseOpen(true)}>
            Respingi
          </button>
        </section>
      )}

      {refuseOpen && (
        <Dialog
          title="Respingi la richiesta"
          onClose={() => setRefuseOpen(false)}
          footer={
            <>
              <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setRefuseOpen(false)}>
                Annulla
              </button>
              <button type="button" className="btn btn-danger btn-sm" onClick={() => void refuse()}>
                Conferma rifiuto
              </button>
            </>
          }
        >
          <div className="form-group">
            <label htmlFor="motivo" className="active">
              Motivo del rifiuto *
            </label>
            <textarea
              id="motivo"
              className={`form-control${errors.motivo ? ' is-invalid' : ''}`}
              rows={3}
              value={motivo}
              onChange={(e) => setMotivo(e.target.value)}
              aria-invalid={errors.motivo ? true : undefined}
            />
            {errors.motivo && <div className="invalid-feedback d-block field-error">{errors.motivo}</div>}
          </div>
        </Dialog>
      )}
      {lookups && (
        <Dialog title={`Consultazioni di ${lookups.cf}`} onClose={() => setLookups(null)} size="lg">
          <table className="table table-sm" data-testid="raa-lookups">
            <thead>
              <tr>
                <th scope="col">Quando</th>
                <th scope="col">Chi</th>
                <th scope="col">Richiesta</th>
                <th scope="col">Perché</th>
              </tr>
            </thead>
            <tbody>
              {lookups.items.map((l, i) => (
                <tr key={i}>
                  <td>{new Date(l.lookedAt).toLocaleString('it-IT', { timeZone: 'Europe/Rome' })}</td>
                  <td>{l.actorId}</td>
                  <td>{l.protocollo ?? ''}</td>
                  <td>{l.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      )}
    </>
  );
}
