// Small form pieces of the Gestione profili pages: a text input with its mandatory mark (*) and its field message
// from the API (`details.fields`), a select, and the person block (CF, nome, cognome, data e luogo di nascita).
import type { ReactNode } from 'react';
import type { FieldErrors } from '@profila/ui';
import { type Suggestion, TypeAheadField } from './place-typeahead';
import { registryApi } from './registry-api';

export function Field({
  id,
  label,
  value,
  onChange,
  required,
  error,
  readOnly,
  type = 'text',
  hint,
  wide,
  maxLength,
}: {
  id: string;
  label: string;
  value: string;
  onChange?: (value: string) => void;
  required?: boolean;
  error?: string;
  readOnly?: boolean;
  type?: 'text' | 'email' | 'tel' | 'date';
  hint?: string;
  wide?: boolean;
  maxLength?: number;
}) {
  const describedBy = [hint ? `${id}-aiuto` : null, error ? `${id}-errore` : null].filter(Boolean).join(' ');
  return (
    <div className={wide ? 'col-12' : 'col-md-6'}>
      <div className={`form-group${readOnly ? ' readonly-field' : ''}`}>
        <label htmlFor={id} className="active">
          {label}
          {required ? ' *' : ''}
        </label>
        <input
          id={id}
          name={id}
          type={type}
          className={`form-control${error ? ' is-invalid' : ''}`}
          value={value}
          readOnly={readOnly}
          maxLength={maxLength}
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => onChange?.(event.target.value)}
        />
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
      </div>
    </div>
  );
}

export function Select({
  id,
  label,
  value,
  onChange,
  placeholder,
  required,
  error,
  disabled,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  required?: boolean;
  error?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="col-md-6">
      <div className="select-wrapper form-group">
        <label htmlFor={id}>
          {label}
          {required ? ' *' : ''}
        </label>
        <select
          id={id}
          name={id}
          value={value}
          disabled={disabled}
          className={error ? 'is-invalid' : undefined}
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-errore` : undefined}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{placeholder}</option>
          {children}
        </select>
        {error && (
          <div id={`${id}-errore`} className="invalid-feedback d-block field-error">
            {error}
          </div>
        )}
      </div>
    </div>
  );
}

export const loadProvince = async (text: string): Promise<Suggestion[]> =>
  (await registryApi.province(text)).items.map((p) => ({ code: p.sigla, label: `${p.nome} (${p.sigla})` }));

export const comuniLoader =
  (sigla: string) =>
  async (text: string): Promise<Suggestion[]> =>
    (await registryApi.comuniOf(sigla, text)).items.map((c) => ({ code: c.codiceBelfiore, label: c.nome }));

/** Comune (any in Italy) or foreign state: where someone was born. */
export const loadBirthPlaces = async (text: string): Promise<Suggestion[]> => {
  const [comuni, stati] = await Promise.all([
    text.length >= 2 ? registryApi.comuni(text) : Promise.resolve({ items: [] }),
    registryApi.statiEsteri(text),
  ]);
  return [
    ...comuni.items.map((c) => ({ code: c.codiceBelfiore, label: `${c.nome} (${c.provincia})` })),
    ...stati.items.map((s) => ({ code: s.codiceBelfiore, label: s.nome })),
  ];
};

export interface PersonForm {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  dataNascita: string;
  luogoNascita: Suggestion | null;
}

export const EMPTY_PERSON: PersonForm = {
  codiceFiscale: '',
  nome: '',
  cognome: '',
  dataNascita: '',
  luogoNascita: null,
};

export function personBody(p: PersonForm) {
  return {
    codiceFiscale: p.codiceFiscale,
    nome: p.nome,
    cognome: p.cognome,
    dataNascita: p.dataNascita,
    luogoNascita: p.luogoNascita?.code ?? '',
  };
}

/** Codice fiscale, nome, cognome, data e comune o stato di nascita. */
export function PersonFields({
  prefix,
  person,
  onChange,
  errors,
  lockCodiceFiscale,
}: {
  prefix: string;
  person: PersonForm;
  onChange: (next: PersonForm) => void;
  errors: FieldErrors;
  lockCodiceFiscale?: boolean;
}) {
  const set = (patch: Partial<PersonForm>) => onChange({ ...person, ...patch });
  return (
    <div className="row">
      <Field
        id={`${prefix}-codice-fiscale`}
        label="Codice fiscale"
        required
        value={person.codiceFiscale}
        readOnly={lockCodiceFiscale}
        onChange={(v) => set({ codiceFiscale: v.toUpperCase() })}
        error={errors.codiceFiscale}
        maxLength={16}
      />
      <Field
        id={`${prefix}-nome`}
        label="Nome"
        required
        value={person.nome}
        onChange={(v) => set({ nome: v })}
        error={errors.nome}
      />
      <Field
        id={`${prefix}-cognome`}
        label="Cognome"
        required
        value={person.cognome}
        onChange={(v) => set({ cognome: v })}
        error={errors.cognome}
      />
      <Field
        id={`${prefix}-data-nascita`}
        label="Data di nascita"
        type="date"
        required
        value={person.dataNascita}
        onChange={(v) => set({ dataNascita: v })}
        error={errors.dataNascita}
      />
      <TypeAheadField
        id={`${prefix}-luogo-nascita`}
        label="Comune o stato di nascita"
        required
        minChars={2}
        value={person.luogoNascita}
        onPick={(picked) => set({ luogoNascita: picked })}
        load={loadBirthPlaces}
        error={errors.luogoNascita}
      />
    </div>
  );
}
