/**
 * The richiesta di accesso agli atti, as the Provincia di Como manual has it:
 *
 *   BOZZA ──invia e protocolla──▶ INVIATA ──evadi──▶ EVASA
 *     │                              └──respingi (motivo)──▶ RESPINTA
 *     └──annulla──▶ ANNULLATA
 *
 * Only a BOZZA changes (its fields, workers and attachments); a sent request is immutable.
 */
export const RAA_STATES = ['BOZZA', 'INVIATA', 'EVASA', 'RESPINTA', 'ANNULLATA'] as const;
export type RaaState = (typeof RAA_STATES)[number];

export const STATE_LABELS: Record<RaaState, string> = {
  BOZZA: 'Bozza',
  INVIATA: 'Inviata',
  EVASA: 'Evasa',
  RESPINTA: 'Respinta',
  ANNULLATA: 'Annullata',
};

export type RaaCommand = 'edit' | 'submit' | 'cancel' | 'answer' | 'refuse';

const ALLOWED: Record<RaaCommand, RaaState> = {
  edit: 'BOZZA',
  submit: 'BOZZA',
  cancel: 'BOZZA',
  answer: 'INVIATA',
  refuse: 'INVIATA',
};

const NEXT: Record<Exclude<RaaCommand, 'edit'>, RaaState> = {
  submit: 'INVIATA',
  cancel: 'ANNULLATA',
  answer: 'EVASA',
  refuse: 'RESPINTA',
};

export type RaaRuleViolation = 'NOT_EDITABLE' | 'NOT_ALLOWED_IN_STATE';

/** The state after the command, or the rule it breaks. */
export function nextState(state: RaaState, command: RaaCommand): RaaState | RaaRuleViolation {
  if (state !== ALLOWED[command]) {
    return command === 'edit' || command === 'submit' || command === 'cancel' ? 'NOT_EDITABLE' : 'NOT_ALLOWED_IN_STATE';
  }
  return command === 'edit' ? state : NEXT[command];
}

export function isViolation(value: RaaState | RaaRuleViolation): value is RaaRuleViolation {
  return value === 'NOT_EDITABLE' || value === 'NOT_ALLOWED_IN_STATE';
}

/** "0007/2026": the progressive number of the year, at least four digits, and the year. */
export function protocolLabel(year: number, number: number): string {
  return `${String(number).padStart(4, '0')}/${year}`;
}

/** The calendar day in Europe/Rome, YYYY-MM-DD. */
export function romeDay(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
}

/** Tipologia richiesta (the manual's list; "Sede/ufficio agenzie" is the value its figure 11 shows). */
export const TIPOLOGIE_RICHIESTA = [
  'Studio legale',
  'Sede/ufficio agenzie',
  'Ente pubblico',
  'Organizzazione sindacale',
  'Altro',
] as const;
export type TipologiaRichiesta = (typeof TIPOLOGIE_RICHIESTA)[number];

/** The employment situation of a worker at the search date, as the answer states it. */
export const SITUAZIONI = ['LAVORA', 'NESSUN_RAPPORTO'] as const;
export type Situazione = (typeof SITUAZIONI)[number];

export const SITUAZIONE_LABELS: Record<Situazione, string> = {
  LAVORA: 'Lavora',
  NESSUN_RAPPORTO: 'nessun rapporto di lavoro in corso alla data di ricerca',
};

export const UNKNOWN_WORKER = 'nessuna informazione presente per il lavoratore';
