/**
 * Codice fiscale of a natural person (16 characters, DM 23/12/1976) and of a legal entity (11 digits, the same
 * algorithm as the partita IVA). Omocodia (the tax office replacing digits with letters to tell apart two people who
 * would get the same code) is accepted everywhere: an omocode CF is a different, valid code, not a typo.
 */
import { isValidPartitaIva } from './partita-iva.js';

export type Sesso = 'M' | 'F';

export interface CodiceFiscaleInput {
  cognome: string;
  nome: string;
  /** ISO date `YYYY-MM-DD`. */
  dataNascita: string;
  sesso: Sesso;
  /** Codice catastale of the comune of birth (e.g. `H501` Roma) or `Z...` for a foreign state (e.g. `Z404` USA). */
  codiceCatastale: string;
  /** How many digits to replace for omocodia, 0 (default) to 7, rightmost first as the tax office does. */
  omocodia?: number;
}

export interface CodiceFiscaleData {
  /** Two-digit year: the century cannot be read from the code. */
  annoNascita2: number;
  meseNascita: number;
  giornoNascita: number;
  sesso: Sesso;
  codiceCatastale: string;
  /** Number of digits replaced by letters (0 for a code without omocodia). */
  omocodia: number;
}

const MONTHS = 'ABCDEHLMPRST';
const OMOCODIA_LETTERS = 'LMNPQRSTUV';
/** Positions that hold digits, in the order the tax office replaces them (rightmost first). */
const OMOCODIA_POSITIONS = [14, 13, 12, 10, 9, 7, 6] as const;
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const DIGIT_OR_OMOCODE = '[0-9LMNPQRSTUV]';
const PERSON_PATTERN = new RegExp(
  `^[A-Z]{6}${DIGIT_OR_OMOCODE}{2}[${MONTHS}]${DIGIT_OR_OMOCODE}{2}[A-Z]${DIGIT_OR_OMOCODE}{3}[A-Z]$`,
);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Uppercase, without spaces: the form stored and compared everywhere. */
export function normalizeCodiceFiscale(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** A natural person's (16 characters) or a legal entity's (11 digits) codice fiscale, checksum included. */
export function isValidCodiceFiscale(value: string): boolean {
  const cf = normalizeCodiceFiscale(value);
  return cf.length === 11 ? isValidPartitaIva(cf) : isValidCodiceFiscalePersona(cf);
}

/** Only the 16-character codice fiscale of a natural person (omocodia accepted). */
export function isValidCodiceFiscalePersona(value: string): boolean {
  return parseCodiceFiscale(value) !== null;
}

/** Reads the data encoded in a person's codice fiscale; `null` when the code is not valid. */
export function parseCodiceFiscale(value: string): CodiceFiscaleData | null {
  const cf = normalizeCodiceFiscale(value);
  if (!PERSON_PATTERN.test(cf) || checkCharacter(cf) !== cf[15]) return null;
  // Read straight from the code, omocodia undone position by position (no intermediate strings: this runs on
  // every guarded request and on every row of a legacy import).
  const month = MONTHS.indexOf(cf[8]) + 1;
  const rawDay = digitAt(cf, 9) * 10 + digitAt(cf, 10);
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  if (day < 1 || day > DAYS_IN_MONTH[month - 1]) return null;
  let omocodia = 0;
  for (const position of OMOCODIA_POSITIONS) if (cf.charCodeAt(position) > 57) omocodia++;
  return {
    annoNascita2: digitAt(cf, 6) * 10 + digitAt(cf, 7),
    meseNascita: month,
    giornoNascita: day,
    sesso: rawDay > 40 ? 'F' : 'M',
    codiceCatastale: `${cf[11]}${digitAt(cf, 12)}${digitAt(cf, 13)}${digitAt(cf, 14)}`,
    omocodia,
  };
}

/** The digit at a digit position of a code that matched PERSON_PATTERN: itself, or its omocodia letter undone. */
function digitAt(cf: string, position: number): number {
  const c = cf.charCodeAt(position);
  return c <= 57 ? c - 48 : OMOCODIA_LETTERS.indexOf(cf[position]);
}

/**
 * The code without omocodia (letters in digit positions turned back into digits, check character recomputed):
 * useful to tell whether two codes belong to the same "base" code, never to replace the person's official code.
 */
export function removeOmocodia(value: string): string {
  const cf = normalizeCodiceFiscale(value);
  const chars = cf.slice(0, 15).split('');
  for (const position of OMOCODIA_POSITIONS) {
    const index = OMOCODIA_LETTERS.indexOf(chars[position]);
    if (index >= 0) chars[position] = String(index);
  }
  const body = chars.join('');
  return body + checkCharacter(body);
}

/**
 * The codice fiscale from an SPID/CIE `fiscalNumber` attribute (`TINIT-<CF>`, ETSI EN 319 412-1 semantics
 * identifier); `null` when the value does not have that form or the code is not valid.
 */
export function codiceFiscaleFromSpid(fiscalNumber: string): string | null {
  const match = /^TINIT-(.+)$/i.exec(fiscalNumber.trim());
  if (!match) return null;
  const cf = normalizeCodiceFiscale(match[1]);
  return isValidCodiceFiscale(cf) ? cf : null;
}

/** Computes a person's codice fiscale (used for test citizens and to cross-check declared data). */
export function generateCodiceFiscale(input: CodiceFiscaleInput): string {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.dataNascita);
  if (!date) throw new RangeError(`dataNascita must be YYYY-MM-DD, got "${input.dataNascita}"`);
  const [, year, month, day] = date;
  const monthIndex = Number(month) - 1;
  if (monthIndex < 0 || monthIndex > 11 || Number(day) < 1 || Number(day) > DAYS_IN_MONTH[monthIndex]) {
    throw new RangeError(`Invalid dataNascita "${input.dataNascita}"`);
  }
  const catastale = input.codiceCatastale.toUpperCase();
  if (!/^[A-Z]\d{3}$/.test(catastale)) throw new RangeError(`Invalid codiceCatastale "${input.codiceCatastale}"`);
  const dayCode = Number(day) + (input.sesso === 'F' ? 40 : 0);
  const chars = (
    surnameCode(input.cognome) +
    nameCode(input.nome) +
    year.slice(2) +
    MONTHS[monthIndex] +
    String(dayCode).padStart(2, '0') +
    catastale
  ).split('');
  const omocodia = input.omocodia ?? 0;
  if (!Number.isInteger(omocodia) || omocodia < 0 || omocodia > OMOCODIA_POSITIONS.length) {
    throw new RangeError(`omocodia must be an integer from 0 to ${OMOCODIA_POSITIONS.length}`);
  }
  for (const position of OMOCODIA_POSITIONS.slice(0, omocodia)) {
    chars[position] = OMOCODIA_LETTERS[Number(chars[position])];
  }
  const body = chars.join('');
  return body + checkCharacter(body);
}

/** The check character of the first 15 characters (any longer string: the rest is ignored). */
function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15.charCodeAt(i);
    const value = c >= 48 && c <= 57 ? c - 48 : c - 65;
    // Positions are counted from 1: odd positions use the conversion table, even ones the plain value.
    sum += i % 2 === 0 ? ODD_VALUES[value] : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}

function lettersOf(text: string): { consonants: string; vowels: string } {
  const letters = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  return { consonants: letters.replace(/[AEIOU]/g, ''), vowels: letters.replace(/[^AEIOU]/g, '') };
}

function surnameCode(cognome: string): string {
  const { consonants, vowels } = lettersOf(cognome);
  return (consonants + vowels + 'XXX').slice(0, 3);
}

function nameCode(nome: string): string {
  const { consonants, vowels } = lettersOf(nome);
  if (consonants.length >= 4) return consonants[0] + consonants[2] + consonants[3];
  return (consonants + vowels + 'XXX').slice(0, 3);
}
