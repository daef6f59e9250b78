// "Cittadinanza" is a state: the identity service accepts an ISO 3166-1 alpha-2 code or the Italian name and stores
// the Italian name. The list is built from the browser's own ICU data, as the service builds its own.

export interface Country {
  code: string;
  name: string;
}

/** Codes that ICU names but that are not countries (same exclusions as the identity service). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA']);

let cached: Country[] | undefined;

/** Italia first, then every other state in Italian alphabetical order. */
export function countries(): Country[] {
  if (cached) return cached;
  const names = new Intl.DisplayNames(['it'], { type: 'region', fallback: 'none' });
  const list: Country[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = names.of(code);
      if (name && name !== code) list.push({ code, name });
    }
  }
  const collator = new Intl.Collator('it');
  list.sort((x, y) => (x.code === 'IT' ? -1 : y.code === 'IT' ? 1 : collator.compare(x.name, y.name)));
  cached = list;
  return list;
}

/** The option value for a stored citizenship ("Italia" → "IT"); the stored text itself when the name is unknown. */
export function countryCodeOf(stored: string | null): string {
  if (!stored) return '';
  const lower = stored.toLocaleLowerCase('it');
  return countries().find((c) => c.name.toLocaleLowerCase('it') === lower || c.code === stored)?.code ?? stored;
}
