import { ApiError, messageOf } from '@profila/ui';
import { Modal, ModalBody, ModalFooter, ModalHeader } from 'design-react-kit';
import { type FormEvent, useState } from 'react';
import { operatorApi, type VerificationRequest } from './api';

export type Decision = 'approve' | 'reject' | 'integration';

const COPY: Record<
  Decision,
  { title: string; confirm: string; field?: { name: 'reason' | 'missing'; label: string; hint: string } }
> = {
  approve: { title: 'Abilitato', confirm: 'Conferma abilitazione' },
  reject: {
    title: 'Respinto',
    confirm: 'Respingi la richiesta',
    field: {
      name: 'reason',
      label: 'Motivazione *',
      hint: 'Sarà scritta nella mail al richiedente e nello storico della richiesta.',
    },
  },
  integration: {
    title: 'Da integrare',
    confirm: 'Chiedi integrazione',
    field: {
      name: 'missing',
      label: 'Cosa manca *',
      hint: 'Il richiedente lo riceverà per mail e potrà aggiornare la richiesta e inviarla di nuovo.',
    },
  },
};

/**
 * The three decisions. Abilitato asks to confirm; Respinto and Da integrare need a text, which the service checks:
 * an empty one is refused with its Italian message under the field (`details.fields.reason` / `.missing`).
 */
export function DecisionDialog({
  decision,
  request,
  onClose,
  onDone,
}: {
  decision: Decision;
  request: VerificationRequest;
  onClose: () => void;
  onDone: (updated: VerificationRequest) => void;
}) {
  const copy = COPY[decision];
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const titleId = `decisione-${decision}-titolo`;
  const fieldId = `decisione-${decision}-testo`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setFieldError(undefined);
    try {
      const updated =
        decision === 'approve'
          ? await operatorApi.approve(request.id)
          : decision === 'reject'
            ? await operatorApi.reject(request.id, text)
            : await operatorApi.integration(request.id, text);
      onDone(updated);
    } catch (caught) {
      if (caught instanceof ApiError && copy.field && caught.fieldErrors[copy.field.name]) {
        setFieldError(caught.fieldErrors[copy.field.name]);
      } else {
        setError(messageOf(caught));
      }
    } finally {
      setBusy(false);
    }
  };

  const who = request.organization
    ? `${request.person.nome} ${request.person.cognome} per ${request.organization.ragioneSociale}`
    : `${request.person.nome} ${request.person.cognome}`;

  return (
    <Modal isOpen toggle={onClose} labelledBy={titleId} data-testid={`dialog-${decision}`}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ModalHeader toggle={onClose} id={titleId} closeAriaLabel="Chiudi">
          {copy.title}
        </ModalHeader>
        <ModalBody>
          {decision === 'approve' ? (
            <p>
              Confermi l&apos;abilitazione di <strong>{who}</strong> ({request.kindLabel.toLowerCase()})? Il richiedente
              riceverà la mail di abilitazione e il ruolo sarà attivo da subito.
            </p>
          ) : (
            <p>
              Richiesta di <strong>{who}</strong>.
            </p>
          )}
          {copy.field && (
            <div className="form-group mb-0">
              <label htmlFor={fieldId} className="active">
                {copy.field.label}
              </label>
              <textarea
                id={fieldId}
                name={copy.field.name}
                className={`form-control${fieldError ? ' is-invalid' : ''}`}
                rows={4}
                value={text}
                onChange={(event) => setText(event.target.value)}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={[fieldError ? `${fieldId}-errore` : null, `${fieldId}-aiuto`]
                  .filter(Boolean)
                  .join(' ')}
              />
              {fieldError && (
                <div id={`${fieldId}-errore`} className="invalid-feedback d-block field-error">
                  {fieldError}
                </div>
              )}
              <small id={`${fieldId}-aiuto`} className="form-text">
                {copy.field.hint}
              </small>
            </div>
          )}
          {error && (
            <div className="alert alert-danger mt-3 mb-0" role="alert">
              {error}
            </div>
          )}
        </ModalBody>
        <ModalFooter>
          <button type="button" className="btn btn-outline-secondary btn-sm" onClick={onClose}>
            Annulla
          </button>
          <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
            {copy.confirm}
          </button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
