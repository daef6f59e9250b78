import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so a code read aloud or typed from paper is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type RequestCodePrefix = 'ASS' | 'DLG';

/**
 * A request code printed on a generated PDF and stored in its metadata, e.g. `ASS-7K3F-9Q2M-X4TB`
 * (60 random bits: unique in practice, not guessable).
 */
export function newRequestCode(prefix: RequestCodePrefix): string {
  const bytes = randomBytes(12);
  let body = '';
  for (const byte of bytes) body += ALPHABET[byte & 31];
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}`;
}

export function isRequestCode(value: string): boolean {
  return /^(ASS|DLG)-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(value);
}
