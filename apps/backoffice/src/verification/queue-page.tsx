import { PageHeading } from '@profila/ui';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { usePageTitle } from '../site';
import { ApiRefusal } from './api-refusal';
import {
  daysSince,
  formatDate,
  KIND_OPTIONS,
  operatorApi,
  type QueueFilters,
  STATE_OPTIONS,
  type VerificationRequest,
} from './api';

export const QUEUE_PATH = '/verifiche-amministratori';
const TITLE = 'Verifiche amministratori';

type Load =
  { status: 'loading' } | { status: 'ready'; items: VerificationRequest[] } | { status: 'error'; error: unknown };

function filtersOf(params: URLSearchParams): QueueFilters {
  return {
    kind: params.get('kind') ?? '',
    state: params.get('state') ?? '',
    provincia: params.get('provincia') ?? '',
    olderThanDays: params.get('olderThanDays') ?? '',
    late: params.get('late') === 'true',
  };
}

function subjectOf(request: VerificationRequest): string {
  if (request.organization) return `${request.organization.ragioneSociale} (${request.organization.codiceFiscale})`;
  return request.professione ?? '—';
}

/** `/verifiche-amministratori`: the requests of the operator's territory, filtered in the address (shareable). */
export function QueuePage() {
  usePageTitle(TITLE);
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const [draft, setDraft] = useState<QueueFilters>(applied);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const query = params.toString();

  const fetchQueue = useCallback(() => {
    setLoad({ status: 'loading' });
    operatorApi
      .queue(filtersOf(new URLSearchParams(query)))
      .then((body) => setLoad({ status: 'ready', items: body.items }))
      .catch((error: unknown) => setLoad({ status: 'error', error }));
  }, [query]);

  useEffect(fetchQueue, [fetchQueue]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.kind) next.set('kind', draft.kind);
    if (draft.state) next.set('state', draft.state);
    if (draft.provincia?.trim()) next.set('provincia', draft.provincia.trim().toUpperCase());
    if (draft.olderThanDays) next.set('olderThanDays', draft.olderThanDays);
    if (draft.late) next.set('late', 'true');
    setParams(next);
  };

  const set = (patch: Partial<QueueFilters>) => setDraft((current) => ({ ...current, ...patch }));

  return (
    <>
      <PageHeading title={TITLE} trail={[{ to: '/', label: 'Cruscotto' }]} className="mb-3" leadClassName="lead">
        Nomine di amministratori aziendali, Responsabili unici di pubbliche amministrazioni e profili RAA del tuo
        territorio: apri una richiesta per vederne i documenti e decidere.
      </PageHeading>

      <form className="queue-filters mb-4" onSubmit={apply} aria-label="Filtri della coda">
        <div className="row g-3 align-items-end">
          <div className="col-md-6 col-xl-4">
            <div className="select-wrapper">
              <label htmlFor="filtro-tipo">Tipo di richiesta</label>
              <select id="filtro-tipo" value={draft.kind} onChange={(e) => set({ kind: e.target.value })}>
                <option value="">Tutti i tipi</option>
                {KIND_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="col-md-6 col-xl-4">
            <div className="select-wrapper">
              <label htmlFor="filtro-stato">Stato</label>
              <select id="filtro-stato" value={draft.state} onChange={(e) => set({ state: e.target.value })}>
                <option value="">Da lavorare</option>
                {STATE_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="col-md-4 col-xl-2">
            <div className="form-group mb-0">
              <label htmlFor="filtro-provincia" className="active">
                Provincia
              </label>
              <input
                id="filtro-provincia"
                className="form-control"
                maxLength={2}
                placeholder="es. TN"
                value={draft.provincia}
                onChange={(e) => set({ provincia: e.target.value })}
              />
            </div>
          </div>
          <div className="col-md-4 col-xl-2">
            <div className="form-group mb-0">
              <label htmlFor="filtro-giorni" className="active">
                In attesa da almeno (giorni)
              </label>
              <input
                id="filtro-giorni"
                className="form-control"
                type="number"
                min={0}
                max={3650}
                value={draft.olderThanDays}
                onChange={(e) => set({ olderThanDays: e.target.value })}
              />
            </div>
          </div>
          <div className="col-md-4 col-xl-4">
            <div className="form-check">
              <input
                id="filtro-ritardo"
                type="checkbox"
                checked={draft.late}
                onChange={(e) => set({ late: e.target.checked })}
              />
              <label htmlFor="filtro-ritardo">Solo in ritardo</label>
            </div>
          </div>
          <div className="col-md-8 col-xl-8 text-md-end">
            <button type="submit" className="btn btn-primary">
              Filtra
            </button>
          </div>
        </div>
      </form>

      {load.status === 'loading' && <p aria-live="polite">Caricamento delle richieste…</p>}
      {load.status === 'error' && <ApiRefusal error={load.error} />}
      {load.status === 'ready' && load.items.length === 0 && (
        <div className="empty-state my-4" data-testid="queue-empty">
          <p className="mb-0">Nessuna richiesta di verifica da mostrare.</p>
        </div>
      )}
      {load.status === 'ready' && load.items.length > 0 && (
        <div className="table-responsive">
          <table className="table table-hover queue-table" data-testid="queue">
            <caption className="visually-hidden">Richieste di verifica del territorio</caption>
            <thead>
              <tr>
                <th scope="col">Richiesta</th>
                <th scope="col">Persona</th>
                <th scope="col">Organizzazione</th>
                <th scope="col">Provincia</th>
                <th scope="col">Stato</th>
                <th scope="col">In attesa da</th>
              </tr>
            </thead>
            <tbody>
              {load.items.map((request) => {
                const days = daysSince(request.waitingSince);
                return (
                  <tr key={request.id} className={request.late ? 'queue-late' : undefined} data-request-id={request.id}>
                    <td>
                      <Link to={`${QUEUE_PATH}/${request.id}`}>{request.kindLabel}</Link>
                      {request.late && (
                        <span className="badge bg-danger ms-2" data-testid="late-badge">
                          In ritardo
                        </span>
                      )}
                    </td>
                    <td>
                      {request.person.cognome} {request.person.nome}
                      <br />
                      <small className="text-muted">{request.person.codiceFiscale}</small>
                    </td>
                    <td>{subjectOf(request)}</td>
                    <td>{request.territory.provincia ?? '—'}</td>
                    <td>{request.stateLabel}</td>
                    <td>
                      {days === null ? '—' : days === 1 ? '1 giorno' : `${days} giorni`}
                      {request.dueDate && (
                        <>
                          <br />
                          <small className="text-muted">Scadenza {formatDate(request.dueDate)}</small>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
