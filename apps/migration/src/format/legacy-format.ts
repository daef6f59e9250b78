/**
 * The legacy export format (docs/migration-format.md): UTF-8 CSV, `;`-separated, a header row naming the columns,
 * fields quoted with `"` when they contain `;`, `"` or a line break is not allowed inside a field. Three files,
 * told apart by their header: company logins, Region / CPI staff, RAA users.
 */
export type LegacyFileKind = 'aziende' | 'operatori' | 'raa';

export const LEGACY_COLUMNS = {
  aziende: [
    'username',
    'password_hash',
    'password_scheme',
    'data_registrazione',
    'codice_fiscale_azienda',
    'ragione_sociale',
    'email',
    'pec',
    'sede_comune',
    'sede_provincia',
    'sede_indirizzo',
    'sede_cap',
    'tipo_accreditamento_sare',
    'referente_codice_fiscale',
    'referente_cognome',
    'referente_nome',
    'referente_data_nascita',
    'referente_comune_nascita',
    'referente_email',
  ],
  operatori: [
    'username',
    'password_hash',
    'password_scheme',
    'data_registrazione',
    'codice_fiscale_ente',
    'denominazione_ente',
    'tipo_ente',
    'sede_descrizione',
    'sede_comune',
    'sede_provincia',
    'sede_indirizzo',
    'sede_cap',
    'codice_fiscale',
    'cognome',
    'nome',
    'data_nascita',
    'comune_nascita',
    'email',
  ],
  raa: [
    'username',
    'password_hash',
    'password_scheme',
    'data_registrazione',
    'codice_fiscale',
    'cognome',
    'nome',
    'data_nascita',
    'comune_nascita',
    'email',
    'pec',
    'professione',
  ],
} as const satisfies Record<LegacyFileKind, readonly string[]>;

/** Columns a row must fill (the rest may be empty). */
export const MANDATORY_COLUMNS: Record<LegacyFileKind, ReadonlySet<string>> = {
  aziende: new Set([
    'username',
    'password_hash',
    'password_scheme',
    'data_registrazione',
    'codice_fiscale_azienda',
    'ragione_sociale',
    'email',
    'sede_comune',
    'sede_indirizzo',
    'referente_codice_fiscale',
    'referente_cognome',
    'referente_nome',
  ]),
  operatori: new Set([
    'username',
    'password_hash',
    'password_scheme',
    'data_registrazione',
    'codice_fiscale_ente',
    'denominazione_ente',
    'tipo_ente',
    'sede_descrizione',
    'sede_comune',
    'sede_indirizzo',
    'codice_fiscale',
    'cognome',
    'nome',
  ]),
  raa: new Set([
    'username',
    'password_hash',
    'password_scheme',
    'data_registrazione',
    'codice_fiscale',
    'cognome',
    'nome',
    'email',
    'professione',
  ]),
};

/** The order files are imported in: organisations and units before the people who refer to them. */
export const FILE_ORDER: LegacyFileKind[] = ['aziende', 'operatori', 'raa'];

export const SEPARATOR = ';';

/** Which file a header row belongs to, or null. */
export function fileKindOf(header: string): LegacyFileKind | null {
  const names = splitLine(header.replace(/^\uFEFF/, '')).map((c) => c.trim().toLowerCase());
  for (const kind of FILE_ORDER) {
    const expected = LEGACY_COLUMNS[kind];
    if (names.length === expected.length && expected.every((c, i) => names[i] === c)) return kind;
  }
  return null;
}

/** Splits one CSV line; a quoted field may hold `;` and doubled quotes. */
export function splitLine(line: string): string[] {
  if (!line.includes('"')) return line.split(SEPARATOR);
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === SEPARATOR) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** Writes one CSV line (the generator and the reject report use it). */
export function joinLine(fields: ReadonlyArray<string | number | null | undefined>): string {
  return fields
    .map((f) => {
      const s = f === null || f === undefined ? '' : String(f);
      return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""').replace(/[\r\n]+/g, ' ')}"` : s;
    })
    .join(SEPARATOR);
}
