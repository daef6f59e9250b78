import { PageHeading } from '@profila/ui';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { usePageTitle } from '../site';
import { ApiRefusal } from './api-refusal';
import { formatDate, formatDateTime, operatorApi, type VerificationRequest } from './api';
import { type Decision, DecisionDialog } from './decision-dialog';
import { DocumentPreview } from './document-preview';
import { EndResponsabileSection, PublicAdministrationSection } from './public-administration-form';
import { QUEUE_PATH } from './queue-page';

type Load =
  { status: 'loading' } | { status: 'ready'; request: VerificationRequest } | { status: 'error'; error: unknown };

const DECIDABLE = ['pending', 'taken', 'resubmitted'];

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div className="col-md-6 mb-3">
      <dt className="small text-muted">{label}</dt>
      <dd className="mb-0">{value || '—'}</dd>
    </div>
  );
}

/** `/verifiche-amministratori/:id`: the data, the documents with preview, the history and the decisions. */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [dialog, setDialog] = useState<Decision | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  usePageTitle(load.status === 'ready' ? load.request.kindLabel : 'Richiesta di verifica');

  useEffect(() => {
    let live = true;
    operatorApi
      .detail(id)
      .then((request) => live && setLoad({ status: 'ready', request }))
      .catch((error: unknown) => live && setLoad({ status: 'error', error }));
    return () => {
      live = false;
    };
  }, [id]);

  const trail = [
    { to: '/', label: 'Cruscotto' },
    { to: QUEUE_PATH, label: 'Verifiche amministratori' },
  ];

  if (load.status === 'loading') return <p aria-live="polite">Caricamento della richiesta…</p>;
  if (load.status === 'error') {
    return (
      <>
        <PageHeading title="Richiesta di verifica" trail={trail} className="mb-3" />
        <ApiRefusal error={load.error} />
      </>
    );
  }

  const { request } = load;
  const decidable = DECIDABLE.includes(request.state);
  const updated = (next: VerificationRequest, message: string) => {
    setLoad({ status: 'ready', request: next });
    setDialog(null);
    setNotice(message);
    setActionError(null);
  };
  const take = () => {
    operatorApi
      .take(request.id)
      .then((next) => updated(next, 'Richiesta presa in carico.'))
      .catch((error: unknown) => setActionError(error));
  };

  return (
    <>
      <PageHeading title={request.kindLabel} trail={trail} className="mb-3" leadClassName="lead">
        <span className="badge bg-primary me-2" data-testid="request-state">
          {request.stateLabel}
        </span>
        {request.late && <span className="badge bg-danger me-2">In ritardo</span>}
        {request.dueDate && <span className="small">Scadenza: {formatDate(request.dueDate)}</span>}
      </PageHeading>

      {notice && (
        <div className="alert alert-success" role="status" data-testid="decision-notice">
          {notice}
        </div>
      )}
      {actionError !== null && <ApiRefusal error={actionError} />}

      {decidable && (
        <div className="d-flex flex-wrap gap-2 mb-4" role="group" aria-label="Decisione">
          {request.state !== 'taken' && (
            <button type="button" className="btn btn-outline-primary" onClick={take}>
              Prendi in carico
            </button>
          )}
          <button type="button" className="btn btn-success" onClick={() => setDialog('approve')}>
            Abilitato
          </button>
          <button type="button" className="btn btn-warning" onClick={() => setDialog('integration')}>
            Da integrare
          </button>
          <button type="button" className="btn btn-danger" onClick={() => setDialog('reject')}>
            Respinto
          </button>
        </div>
      )}

      {request.decisionNote && (
        <div className="callout note mt-0 mb-4">
          <div className="callout-title">{request.state === 'rejected' ? 'Motivazione' : 'Integrazione richiesta'}</div>
          <p className="mb-0">{request.decisionNote}</p>
        </div>
      )}

      <section className="mb-4" aria-labelledby="dati-titolo">
        <h2 id="dati-titolo" className="h4">
          Dati della richiesta
        </h2>
        <dl className="row">
          <Field label="Cognome" value={request.person.cognome} />
          <Field label="Nome" value={request.person.nome} />
          <Field label="Codice fiscale" value={request.person.codiceFiscale} />
          <Field label="Data di nascita" value={request.person.dataNascita && formatDate(request.person.dataNascita)} />
          <Field label="Comune o stato di nascita" value={request.person.luogoNascita} />
          <Field label="E-mail" value={request.person.email} />
          {request.person.pec && <Field label="PEC" value={request.person.pec} />}
          {request.professione && <Field label="Professione / ruolo" value={request.professione} />}
          {request.organization && (
            <>
              <Field label="Organizzazione" value={request.organization.ragioneSociale} />
              <Field label="Codice fiscale dell'organizzazione" value={request.organization.codiceFiscale} />
            </>
          )}
          <Field
            label="Territorio"
            value={[request.territory.comune, request.territory.provincia].filter(Boolean).join(' — ')}
          />
          <Field label="Richiedente" value={request.applicantCodiceFiscale} />
          <Field label="Inviata il" value={formatDateTime(request.waitingSince ?? request.createdAt)} />
          {request.takenBy && <Field label="Presa in carico da" value={request.takenBy} />}
        </dl>
        {request.ipa && (
          <div className="callout note mt-0">
            <div className="callout-title">PA non in anagrafica: dati IPA</div>
            <p className="mb-0">
              {request.ipa.denominazione} ({request.ipa.codiceIpa}), {request.ipa.indirizzo}, {request.ipa.comune} (
              {request.ipa.provincia})
            </p>
          </div>
        )}
      </section>

      {request.kind === 'responsabile-unico' &&
        request.organization &&
        !request.organization.organizationId &&
        decidable && (
          <PublicAdministrationSection
            request={request}
            onAdded={(next) =>
              updated(next, "Amministrazione aggiunta all'anagrafica: ora puoi abilitare il Responsabile unico.")
            }
          />
        )}
      {request.kind === 'responsabile-unico' && request.state === 'approved' && (
        <EndResponsabileSection request={request} />
      )}

      <section className="mb-4" aria-labelledby="documenti-titolo">
        <h2 id="documenti-titolo" className="h4">
          Documenti
        </h2>
        {request.documents && request.documents.length > 0 ? (
          <ul className="list-group" data-testid="documents">
            {request.documents.map((slot) => (
              <DocumentPreview key={`${slot.kind}-${slot.entityId}`} requestId={request.id} slot={slot} />
            ))}
          </ul>
        ) : (
          <p>Nessun documento allegato.</p>
        )}
      </section>

      <section className="mb-4" aria-labelledby="storico-titolo">
        <h2 id="storico-titolo" className="h4">
          Storico
        </h2>
        <ol className="request-timeline list-unstyled" data-testid="timeline">
          {(request.history ?? []).map((step, index) => (
            <li key={`${step.at}-${index}`} className="request-timeline-step">
              <div className="fw-semibold">{step.label}</div>
              <div className="small text-muted">
                {formatDateTime(step.at)} — {step.by ?? 'Sistema'}
              </div>
              {step.note && <div className="mt-1">{step.note}</div>}
            </li>
          ))}
        </ol>
      </section>

      {dialog && (
        <DecisionDialog
          decision={dialog}
          request={request}
          onClose={() => setDialog(null)}
          onDone={(next) =>
            updated(
              next,
              dialog === 'approve'
                ? 'Richiesta abilitata: il richiedente riceverà una mail.'
                : dialog === 'reject'
                  ? 'Richiesta respinta: il richiedente riceverà una mail con la motivazione.'
                  : 'Integrazione richiesta: il richiedente riceverà una mail con ciò che manca.',
            )
          }
        />
      )}
    </>
  );
}
