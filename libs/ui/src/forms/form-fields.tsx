// Form fields in Bootstrap Italia markup. The Italian message of a refused value is the one the service put in
// `details.fields` of its VALIDATION_FAILED answer (ApiError.fieldErrors), shown right under its field and tied to it
// with aria-describedby / aria-invalid.
import type { ReactNode } from 'react';

/** A value that comes from the identity provider: shown in a read-only input, announced as such. */
export function ReadOnlyField({
  id,
  label,
  value,
  wide,
  noteId = 'nota-dati-idp',
}: {
  id: string;
  label: string;
  value: string | null;
  wide?: boolean;
  /** Id of the note that says where the read-only data come from. */
  noteId?: string;
}) {
  return (
    <div className={wide ? 'col-12' : 'col-md-6'}>
      <div className="form-group readonly-field">
        <label htmlFor={id} className="active">
          {label}
        </label>
        <input
          id={id}
          type="text"
          className="form-control"
          readOnly
          value={value ?? ''}
          placeholder={value ? undefined : 'Non fornito'}
          aria-describedby={noteId}
        />
      </div>
    </div>
  );
}

interface EditableProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return [hint ? `${id}-aiuto` : null, error ? `${id}-errore` : null].filter(Boolean).join(' ') || undefined;
}

function FieldMessages({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  // The error first, right under the field it is about.
  return (
    <>
      {error && (
        <div id={`${id}-errore`} className="invalid-feedback d-block field-error">
          {error}
        </div>
      )}
      {hint && (
        <small id={`${id}-aiuto`} className="form-text">
          {hint}
        </small>
      )}
    </>
  );
}

export function TextField({
  id,
  label,
  error,
  hint,
  value,
  onChange,
  type = 'text',
  autoComplete,
}: EditableProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel';
  autoComplete?: string;
}) {
  return (
    <div className="col-md-6">
      <div className="form-group">
        <label htmlFor={id} className="active">
          {label}
        </label>
        <input
          id={id}
          name={id}
          type={type}
          className={`form-control${error ? ' is-invalid' : ''}`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
          autoComplete={autoComplete}
        />
        <FieldMessages id={id} error={error} hint={hint} />
      </div>
    </div>
  );
}

export function SelectField({
  id,
  label,
  error,
  hint,
  value,
  onChange,
  placeholder,
  children,
}: EditableProps & { value: string; onChange: (value: string) => void; placeholder: string; children: ReactNode }) {
  return (
    <div className="col-md-6">
      <div className="select-wrapper form-group">
        <label htmlFor={id}>{label}</label>
        <select
          id={id}
          name={id}
          className={error ? 'is-invalid' : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
        >
          <option value="">{placeholder}</option>
          {children}
        </select>
        <FieldMessages id={id} error={error} hint={hint} />
      </div>
    </div>
  );
}
