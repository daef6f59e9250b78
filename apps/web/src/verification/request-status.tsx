import type { ApplicantRequest } from './applicant-api';

/** The applicant's requests of one kind, each with its state, to open again. */
export function MyRequests({
  items,
  describe,
  onOpen,
}: {
  items: ApplicantRequest[];
  describe: (r: ApplicantRequest) => string;
  onOpen: (r: ApplicantRequest) => void;
}) {
  if (items.length === 0) return null;
  return (
    <section className="mb-4" aria-labelledby="richieste-inviate">
      <h2 id="richieste-inviate" className="h4">
        Le tue richieste
      </h2>
      <ul className="list-group" data-testid="my-requests">
        {items.map((r) => (
          <li key={r.id} className="list-group-item d-flex justify-content-between align-items-center">
            <span>
              {describe(r)} — <strong>{r.stateLabel}</strong>
            </span>
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => onOpen(r)}>
              Apri
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The page's notices, the open request's state and, after "Da integrare", what the operator asked for. */
export function RequestNotices({
  current,
  message,
  failure,
}: {
  current: ApplicantRequest | null;
  message: string | null;
  failure: string | null;
}) {
  return (
    <>
      {message && (
        <div className="alert alert-success" role="status">
          {message}
        </div>
      )}
      {failure && (
        <div className="alert alert-danger" role="alert" data-testid="request-refusal">
          {failure}
        </div>
      )}
      {current && (
        <p>
          Stato: <strong data-testid="request-state">{current.stateLabel}</strong>
        </p>
      )}
      {current?.decisionNote && current.state === 'integration-requested' && (
        <div className="callout note mt-0 mb-4">
          <div className="callout-title">Da integrare</div>
          <p className="mb-0">{current.decisionNote}</p>
        </div>
      )}
      {current?.decisionNote && current.state === 'rejected' && (
        <div className="callout danger mt-0 mb-4">
          <div className="callout-title">Motivazione</div>
          <p className="mb-0">{current.decisionNote}</p>
        </div>
      )}
    </>
  );
}
