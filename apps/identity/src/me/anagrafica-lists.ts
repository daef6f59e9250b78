// The closed lists of the editable anagrafica: titoli di studio (Italian levels) and countries (ISO 3166-1).

export const TITOLI_STUDIO = [
  { codice: 'NESSUNO', descrizione: 'Nessun titolo' },
  { codice: 'ELEMENTARE', descrizione: 'Licenza elementare' },
  { codice: 'MEDIA', descrizione: 'Licenza media' },
  { codice: 'QUALIFICA_PROFESSIONALE', descrizione: 'Diploma di qualifica professionale' },
  { codice: 'DIPLOMA', descrizione: 'Diploma di scuola secondaria superiore' },
  { codice: 'LAUREA_TRIENNALE', descrizione: 'Laurea triennale' },
  { codice: 'LAUREA_MAGISTRALE', descrizione: 'Laurea magistrale / specialistica / a ciclo unico' },
  { codice: 'POST_LAUREA', descrizione: 'Master / Dottorato' },
] as const;

export const TITOLO_STUDIO_CODES: readonly string[] = TITOLI_STUDIO.map((t) => t.codice);

/** Codes that ICU names but that are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA']);

let countries: Map<string, string> | undefined;

/** ISO 3166-1 alpha-2 code → Italian name (from the runtime's ICU data). */
export function countryNames(): Map<string, string> {
  if (countries) return countries;
  const names = new Intl.DisplayNames(['it'], { type: 'region', fallback: 'none' });
  const map = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = names.of(code);
      if (name && name !== code) map.set(code, name);
    }
  }
  countries = map;
  return map;
}

/** `IT`, `it`, `Italia`, `italia` → `Italia`; undefined when it is not a country. */
export function normaliseCountry(value: string): string | undefined {
  const v = value.trim();
  const byCode = countryNames().get(v.toUpperCase());
  if (byCode) return byCode;
  const lower = v.toLocaleLowerCase('it');
  for (const name of countryNames().values()) if (name.toLocaleLowerCase('it') === lower) return name;
  return undefined;
}
