import { isValidCodiceFiscale, isValidCodiceFiscalePersona, normalizeCodiceFiscale } from '@profila/italian';
import {
  type Comune,
  fold,
  type ItalianPlaces,
  TIPI_SOGGETTO_ABILITATO,
  TIPI_SOGGETTO_ABILITATO_LABELS,
} from '#registry/legacy-import';
import { LEGACY_COLUMNS, type LegacyFileKind, MANDATORY_COLUMNS, splitLine } from '../format/legacy-format.js';
import { RejectReason } from './reject-reason.js';

export interface LegacyPersonData {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  dataNascita: string | null;
  luogoNascita: string | null;
  email: string | null;
}

interface AccountData {
  line: number;
  username: string;
  passwordHash: string;
  passwordScheme: 'bcrypt' | 'sha1-salted' | 'md5';
  validFrom: string;
  email: string | null;
}

/** A company login: its organisation (by CF), the unit it becomes, its referent. */
export interface CompanyRecord extends AccountData {
  kind: 'aziende';
  codiceFiscale: string;
  ragioneSociale: string;
  ragioneSocialeNorm: string;
  pec: string | null;
  comune: Comune;
  cap: string | null;
  indirizzo: string;
  accreditamento: string | null;
  referente: LegacyPersonData;
  /** Digest of the data later rows of the same CF must repeat (the folded ragione sociale). */
  organizationDigest: number;
  personDigest: number;
  /** Set by the batch's cross-row decisions (first-occurrences.ts), false until then. */
  firstOfOrganization: boolean;
  firstOfPerson: boolean;
}

/** A Region / CPI staff member on a sede of their ente. */
export interface StaffRecord extends AccountData {
  kind: 'operatori';
  codiceFiscaleEnte: string;
  denominazione: string;
  denominazioneNorm: string;
  tipoEnte: string;
  sedeKey: string;
  sedeDescrizione: string;
  comune: Comune;
  cap: string | null;
  indirizzo: string;
  person: LegacyPersonData;
  organizationDigest: number;
  personDigest: number;
  firstOfOrganization: boolean;
  firstOfSede: boolean;
  firstOfPerson: boolean;
}

/** A lawyer / authorised body registered for RAA. */
export interface RaaRecord extends AccountData {
  kind: 'raa';
  person: LegacyPersonData;
  pec: string | null;
  professione: string;
  personDigest: number;
  firstOfPerson: boolean;
}

export type LegacyRecord = CompanyRecord | StaffRecord | RaaRecord;

export type Decoded = { ok: true; record: LegacyRecord } | { ok: false; reason: RejectReason; field: string };

const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
const HASH_SHAPES: Record<string, RegExp> = {
  bcrypt: /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/,
  'sha1-salted': /^[^$\s]{1,64}\$[0-9a-fA-F]{40}$/,
  md5: /^[0-9a-fA-F]{32}$/,
};
const CAP = /^\d{5}$/;
const BIRTH_PLACE = /^[A-Z]\d{3}$/;
const OPERATOR_ENTI = new Set(['regione', 'provincia', 'agenzia-per-il-lavoro']);

class RowError extends Error {
  constructor(
    readonly reason: RejectReason,
    readonly field: string,
  ) {
    super(reason);
  }
}

/** 32-bit FNV-1a: first-occurrence data is kept as a number per CF (an int column of legacy_import_first). */
export function digest(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0; // a signed 32-bit value stays a small integer in the maps, not a boxed number
}

/**
 * A copy of a string that does not keep its line alive. V8 keeps a substring (a field cut from a line, and the line
 * cut from the file's read buffer) as a slice of its parent: a username kept for the report would otherwise pin the
 * whole line, or the whole 1 MB chunk it came from.
 */
export function own(key: string): string {
  return Buffer.from(key, 'utf8').toString('utf8');
}

/**
 * Decodes and validates one row against the reference data, on its own: everything but the cross-row checks (first
 * occurrence wins: a later row with the same username, or with other data for the same CF, is rejected), which
 * first-occurrences.ts decides per batch against the run's table of first occurrences. The decoder keeps no state
 * between rows, so its memory does not grow with the file.
 */
export class RowDecoder {
  private readonly accreditations: Map<string, string>;
  /** `<sigla>|<folded name>` → comune: legacy exports often name the comune instead of its code. */
  private readonly comuniByName = new Map<string, Comune>();

  constructor(private readonly places: ItalianPlaces) {
    for (const c of places.comuni) this.comuniByName.set(`${c.provincia}|${fold(c.nome)}`, c);
    this.accreditations = new Map<string, string>();
    for (const code of TIPI_SOGGETTO_ABILITATO) {
      this.accreditations.set(fold(code), code);
      this.accreditations.set(fold(TIPI_SOGGETTO_ABILITATO_LABELS[code]), code);
    }
  }

  decode(kind: LegacyFileKind, line: number, text: string): Decoded {
    const raw = splitLine(text);
    const columns = LEGACY_COLUMNS[kind];
    if (raw.length !== columns.length) return { ok: false, reason: RejectReason.RIGA_MALFORMATA, field: '' };
    const row: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]] = raw[i].trim();
    try {
      for (const name of MANDATORY_COLUMNS[kind]) {
        if (row[name] === '') throw new RowError(RejectReason.CAMPO_OBBLIGATORIO_MANCANTE, name);
      }
      const record =
        kind === 'aziende'
          ? this.company(line, row)
          : kind === 'operatori'
            ? this.staff(line, row)
            : this.raa(line, row);
      return { ok: true, record };
    } catch (error) {
      if (error instanceof RowError) return { ok: false, reason: error.reason, field: error.field };
      throw error;
    }
  }

  /** The username of a row as far as it can be read (for the report). */
  static usernameOf(text: string): string {
    return own((splitLine(text)[0] ?? '').trim());
  }

  private account(line: number, row: Record<string, string>): AccountData {
    const username = row.username;
    if (!USERNAME.test(username)) throw new RowError(RejectReason.VALORE_NON_VALIDO, 'username');
    const scheme = row.password_scheme.toLowerCase();
    const shape = HASH_SHAPES[scheme];
    if (!shape) throw new RowError(RejectReason.SCHEMA_PASSWORD_NON_SUPPORTATO, 'password_scheme');
    if (!shape.test(row.password_hash)) throw new RowError(RejectReason.VALORE_NON_VALIDO, 'password_hash');
    return {
      line,
      username,
      passwordHash: row.password_hash,
      passwordScheme: scheme as AccountData['passwordScheme'],
      validFrom: isoDate(row.data_registrazione, 'data_registrazione'),
      email: email(row.email ?? '', 'email'),
    };
  }

  private person(
    row: Record<string, string>,
    names: { cf: string; cognome: string; nome: string; data: string; luogo: string; email: string },
  ): LegacyPersonData {
    const cf = normalizeCodiceFiscale(row[names.cf]);
    if (!isValidCodiceFiscalePersona(cf)) throw new RowError(RejectReason.CODICE_FISCALE_NON_VALIDO, names.cf);
    const luogo = (row[names.luogo] ?? '').toUpperCase();
    if (luogo && !BIRTH_PLACE.test(luogo)) throw new RowError(RejectReason.COMUNE_SCONOSCIUTO, names.luogo);
    return {
      codiceFiscale: cf,
      cognome: row[names.cognome],
      nome: row[names.nome],
      dataNascita: row[names.data] ? isoDate(row[names.data], names.data) : null,
      luogoNascita: luogo || null,
      email: email(row[names.email] ?? '', names.email),
    };
  }

  private comune(value: string, provincia: string, field: string): Comune {
    const code = value.toUpperCase();
    const byCode = this.places.comune(code);
    if (byCode) return byCode;
    const byName = provincia ? this.comuniByName.get(`${provincia.toUpperCase()}|${fold(value)}`) : undefined;
    if (byName) return byName;
    throw new RowError(RejectReason.COMUNE_SCONOSCIUTO, field);
  }

  private company(line: number, row: Record<string, string>): CompanyRecord {
    const account = this.account(line, row);
    const cf = normalizeCodiceFiscale(row.codice_fiscale_azienda);
    if (!isValidCodiceFiscale(cf)) throw new RowError(RejectReason.CODICE_FISCALE_NON_VALIDO, 'codice_fiscale_azienda');
    const comune = this.comune(row.sede_comune, row.sede_provincia ?? '', 'sede_comune');
    const cap = optionalCap(row.sede_cap ?? '', 'sede_cap');
    const pec = email(row.pec ?? '', 'pec');
    let accreditamento: string | null = null;
    if (row.tipo_accreditamento_sare) {
      accreditamento = this.accreditations.get(fold(row.tipo_accreditamento_sare)) ?? null;
      if (!accreditamento) throw new RowError(RejectReason.VALORE_NON_VALIDO, 'tipo_accreditamento_sare');
    }
    const referente = this.person(row, {
      cf: 'referente_codice_fiscale',
      cognome: 'referente_cognome',
      nome: 'referente_nome',
      data: 'referente_data_nascita',
      luogo: 'referente_comune_nascita',
      email: 'referente_email',
    });
    const ragioneSocialeNorm = fold(row.ragione_sociale);
    return {
      kind: 'aziende',
      ...account,
      codiceFiscale: cf,
      ragioneSociale: row.ragione_sociale,
      ragioneSocialeNorm,
      pec,
      comune,
      cap,
      indirizzo: row.sede_indirizzo,
      accreditamento,
      referente,
      organizationDigest: digest(ragioneSocialeNorm),
      personDigest: personDigest(referente),
      firstOfOrganization: false,
      firstOfPerson: false,
    };
  }

  private staff(line: number, row: Record<string, string>): StaffRecord {
    const account = this.account(line, row);
    const cf = normalizeCodiceFiscale(row.codice_fiscale_ente);
    if (!isValidCodiceFiscale(cf)) throw new RowError(RejectReason.CODICE_FISCALE_NON_VALIDO, 'codice_fiscale_ente');
    const tipoEnte = row.tipo_ente.toLowerCase();
    if (!OPERATOR_ENTI.has(tipoEnte)) throw new RowError(RejectReason.VALORE_NON_VALIDO, 'tipo_ente');
    const comune = this.comune(row.sede_comune, row.sede_provincia ?? '', 'sede_comune');
    const cap = optionalCap(row.sede_cap ?? '', 'sede_cap');
    const person = this.person(row, {
      cf: 'codice_fiscale',
      cognome: 'cognome',
      nome: 'nome',
      data: 'data_nascita',
      luogo: 'comune_nascita',
      email: 'email',
    });
    const denominazioneNorm = fold(row.denominazione_ente);
    const sedeKey = `${cf}:${fold(row.sede_descrizione)}`;
    return {
      kind: 'operatori',
      ...account,
      codiceFiscaleEnte: cf,
      denominazione: row.denominazione_ente,
      denominazioneNorm,
      tipoEnte,
      sedeKey,
      sedeDescrizione: row.sede_descrizione,
      comune,
      cap,
      indirizzo: row.sede_indirizzo,
      person,
      organizationDigest: digest(denominazioneNorm),
      personDigest: personDigest(person),
      firstOfOrganization: false,
      firstOfSede: false,
      firstOfPerson: false,
    };
  }

  private raa(line: number, row: Record<string, string>): RaaRecord {
    const account = this.account(line, row);
    const person = this.person(row, {
      cf: 'codice_fiscale',
      cognome: 'cognome',
      nome: 'nome',
      data: 'data_nascita',
      luogo: 'comune_nascita',
      email: 'email',
    });
    const pec = email(row.pec ?? '', 'pec');
    return {
      kind: 'raa',
      ...account,
      person,
      pec,
      professione: row.professione.trim(),
      personDigest: personDigest(person),
      firstOfPerson: false,
    };
  }
}

/** What later rows of the same person's CF must repeat: the folded name and the birth date. */
function personDigest(p: LegacyPersonData): number {
  return digest(`${fold(p.cognome)}|${fold(p.nome)}|${p.dataNascita ?? ''}`);
}

function isoDate(value: string, field: string): string {
  const it = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const iso = it ? `${it[3]}-${it[2]}-${it[1]}` : value;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RowError(RejectReason.VALORE_NON_VALIDO, field);
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso || Number(m[1]) < 1900) {
    throw new RowError(RejectReason.VALORE_NON_VALIDO, field);
  }
  return iso;
}

function email(value: string, field: string): string | null {
  if (value === '') return null;
  if (!/^[^@\s;]+@[^@\s;]+\.[^@\s;]+$/.test(value)) throw new RowError(RejectReason.VALORE_NON_VALIDO, field);
  return value.toLowerCase();
}

function optionalCap(value: string, field: string): string | null {
  if (value === '') return null;
  if (!CAP.test(value)) throw new RowError(RejectReason.VALORE_NON_VALIDO, field);
  return value;
}
