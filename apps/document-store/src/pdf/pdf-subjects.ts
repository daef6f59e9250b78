/** The people and organisations printed on generated PDFs, and how their data is written in Italian. */
import type { FieldRow } from './pdf-layout.js';

export interface PersonData {
  nome: string;
  cognome: string;
  codiceFiscale: string;
  /** ISO date `YYYY-MM-DD`. */
  dataNascita: string;
  /** Comune (with provincia) or foreign state of birth, e.g. "Rovereto (TN)". */
  luogoNascita: string;
}

export interface SedeLegale {
  indirizzo?: string;
  cap?: string;
  comune: string;
  /** Sigla, e.g. "TN". */
  provincia?: string;
  /** Only for foreign companies. */
  statoEstero?: string;
}

export interface OrganizationData {
  ragioneSociale: string;
  /** Codice fiscale of an Italian organisation, or the identification code of a foreign one. */
  codiceFiscale: string;
  partitaIva?: string;
  estera?: boolean;
  sedeLegale: SedeLegale;
  /** "Tipo soggetto abilitato" chosen during the association, when the organisation has several. */
  tipoSoggettoAbilitato?: string;
}

const ROME_DATE = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const ROME_TIME = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' });

/** `1988-02-26` -> `26/02/1988`. */
export function formatIsoDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Expected a YYYY-MM-DD date, got "${isoDate}"`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** The calendar date in Italy of an instant. */
export function formatRomeDate(instant: Date): string {
  return ROME_DATE.format(instant);
}

export function formatRomeTime(instant: Date): string {
  return ROME_TIME.format(instant);
}

export function fullName(person: Pick<PersonData, 'nome' | 'cognome'>): string {
  return `${person.nome} ${person.cognome}`.trim();
}

export function personRows(person: PersonData): FieldRow[] {
  return [
    { label: 'Cognome', value: person.cognome.toUpperCase() },
    { label: 'Nome', value: person.nome.toUpperCase() },
    { label: 'Codice fiscale', value: person.codiceFiscale.toUpperCase() },
    { label: 'Data di nascita', value: formatIsoDate(person.dataNascita) },
    { label: 'Comune o stato di nascita', value: person.luogoNascita },
  ];
}

export function organizationRows(org: OrganizationData): FieldRow[] {
  const rows: FieldRow[] = [{ label: 'Ragione sociale', value: org.ragioneSociale }];
  if (org.estera) {
    rows.push({ label: 'Codice identificativo', value: org.codiceFiscale });
  } else {
    rows.push({ label: 'Codice fiscale', value: org.codiceFiscale });
    rows.push({ label: 'Partita IVA', value: org.partitaIva ?? org.codiceFiscale });
  }
  rows.push({ label: 'Sede legale', value: formatSede(org.sedeLegale) });
  if (org.tipoSoggettoAbilitato) rows.push({ label: 'Tipo soggetto abilitato', value: org.tipoSoggettoAbilitato });
  return rows;
}

export function formatSede(sede: SedeLegale): string {
  const place = [sede.cap, sede.comune, sede.provincia ? `(${sede.provincia})` : undefined].filter(Boolean).join(' ');
  return [sede.indirizzo, place, sede.statoEstero].filter(Boolean).join(' - ');
}
