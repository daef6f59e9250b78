import { Transform } from 'class-transformer';

/** Trims text fields; empty strings become undefined (an optional field left blank in a form). */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim().replace(/\s+/g, ' ');
    return trimmed === '' ? undefined : trimmed;
  });

/** Upper case without spaces: codici fiscali, sigle, Belfiore codes. */
export const UpperCode = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const code = value.replace(/\s+/g, '').toUpperCase();
    return code === '' ? undefined : code;
  });

export const PHONE = /^\+?[0-9][0-9 ./-]{4,19}$/;
export const SIGLA = /^[A-Z]{2}$/;
export const BELFIORE_COMUNE = /^[A-Y]\d{3}$/;
export const BELFIORE_STATO = /^Z\d{3}$/;
export const BELFIORE_ANY = /^[A-Z]\d{3}$/;
export const CAP = /^\d{5}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
