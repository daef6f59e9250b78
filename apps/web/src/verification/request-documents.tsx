import type { FieldErrors } from '@profila/ui';
import type { DocumentSlot } from './nomination-api';

/**
 * The request's documents ("Carica File" for each slot, the file already there), the send button, and the messages
 * the service gave for missing documents (`documenti.*`).
 */
export function RequestDocuments({
  slots,
  editable,
  errors,
  onFile,
  sendLabel,
  onSend,
}: {
  slots: DocumentSlot[];
  editable: boolean;
  errors: FieldErrors;
  onFile: (slot: DocumentSlot, file: File | undefined) => void;
  /** Shown when the request can be sent. */
  sendLabel: string | null;
  onSend: () => void;
}) {
  return (
    <section className="mb-4" aria-labelledby="documenti">
      <h2 id="documenti" className="h4">
        Documenti
      </h2>
      {slots.length > 0 && (
        <ul className="list-group mb-3">
          {slots.map((slot) => {
            const id = `documento-${slot.kind}`;
            return (
              <li key={`${slot.kind}-${slot.entityId}`} className="list-group-item">
                <label htmlFor={id} className="fw-semibold d-block">
                  {slot.label}
                  {slot.required ? ' *' : ''}
                </label>
                <small className="d-block mb-2" data-testid={`file-${slot.kind}`}>
                  {slot.fileName ?? 'Nessun file caricato'}
                </small>
                {editable && (
                  <input
                    id={id}
                    type="file"
                    accept="application/pdf,image/png,image/jpeg,.p7m"
                    aria-invalid={errors[id] ? true : undefined}
                    aria-describedby={errors[id] ? `${id}-errore` : undefined}
                    onChange={(e) => onFile(slot, e.target.files?.[0])}
                  />
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
      )}
      {slots.length === 0 && <p>Per questa richiesta non sono richiesti documenti.</p>}
      {Object.entries(errors)
        .filter(([key]) => key.startsWith('documenti'))
        .map(([key, text]) => (
          <div key={key} className="invalid-feedback d-block field-error mb-2">
            {text}
          </div>
        ))}
      {sendLabel && (
        <button type="button" className="btn btn-primary" onClick={onSend}>
          {sendLabel}
        </button>
      )}
    </section>
  );
}
