// Type-ahead on the registry's reference data (answered from memory): the user types part of a name, picks one of
// the suggestions, and the form keeps its code (sigla of the provincia, Belfiore code of the comune or state).
import { useEffect, useId, useRef, useState } from 'react';

export interface Suggestion {
  code: string;
  label: string;
}

export function TypeAheadField({
  id,
  label,
  required,
  error,
  disabled,
  value,
  onPick,
  load,
  minChars = 1,
  hint,
}: {
  id: string;
  label: string;
  required?: boolean;
  error?: string;
  disabled?: boolean;
  /** What is picked: shown in the input until the user types again. */
  value: Suggestion | null;
  onPick: (picked: Suggestion | null) => void;
  load: (text: string) => Promise<Suggestion[]>;
  minChars?: number;
  hint?: string;
}) {
  const [text, setText] = useState(value?.label ?? '');
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const latest = useRef(0);

  useEffect(() => {
    setText(value?.label ?? '');
  }, [value?.code, value?.label]);

  const type = (next: string) => {
    setText(next);
    if (value) onPick(null);
    if (next.trim().length < minChars) {
      setItems([]);
      setOpen(false);
      return;
    }
    const call = ++latest.current;
    load(next.trim()).then(
      (found) => {
        if (call !== latest.current) return;
        setItems(found.slice(0, 12));
        setOpen(true);
      },
      () => setItems([]),
    );
  };

  const describedBy = [hint ? `${id}-aiuto` : null, error ? `${id}-errore` : null].filter(Boolean).join(' ');
  return (
    <div className="col-md-6">
      <div className="form-group typeahead">
        <label htmlFor={id} className="active">
          {label}
          {required ? ' *' : ''}
        </label>
        <input
          id={id}
          name={id}
          type="text"
          role="combobox"
          autoComplete="off"
          className={`form-control${error ? ' is-invalid' : ''}`}
          value={text}
          disabled={disabled}
          aria-required={required || undefined}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => type(event.target.value)}
          onBlur={() => window.setTimeout(() => setOpen(false), 200)}
        />
        {open && (
          <ul id={listId} role="listbox" aria-label={`Suggerimenti per ${label}`} className="typeahead-list">
            {items.length === 0 && <li className="typeahead-empty">Nessun risultato</li>}
            {items.map((item) => (
              <li
                key={item.code}
                role="option"
                aria-selected={value?.code === item.code}
                className="typeahead-option"
                onMouseDown={(event) => {
                  event.preventDefault();
                  onPick(item);
                  setText(item.label);
                  setOpen(false);
                }}
              >
                {item.label}
              </li>
            ))}
          </ul>
        )}
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
