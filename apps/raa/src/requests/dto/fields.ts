import { Transform } from 'class-transformer';

export const REQUIRED = 'Campo obbligatorio';
export const SIGLA = /^[A-Z]{2}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Trims text fields; empty strings become undefined (a field left blank in a form). */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  });

/** Upper case without spaces: codici fiscali, sigle. */
export const UpperCode = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const code = value.replace(/\s+/g, '').toUpperCase();
    return code === '' ? undefined : code;
  });
