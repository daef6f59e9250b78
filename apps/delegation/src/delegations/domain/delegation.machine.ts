// The life of a delega, without Nest or a database: what may happen to it, who may do it, and what it becomes.

import { addDays, isIsoDate } from '../../domain/rome-calendar.js';

export enum DelegationStatus {
  IN_ATTESA = 'IN_ATTESA',
  ACCETTATA = 'ACCETTATA',
  RIFIUTATA = 'RIFIUTATA',
  REVOCATA = 'REVOCATA',
  SCADUTA = 'SCADUTA',
}

export enum DelegationRequestKind {
  INSERIMENTO = 'INSERIMENTO',
  MODIFICA = 'MODIFICA',
  REVOCA = 'REVOCA',
}

/** Why a transition is refused: every reason a user can meet, with its message. */
export enum DelegationRule {
  START_IN_THE_PAST = 'START_IN_THE_PAST',
  END_BEFORE_START = 'END_BEFORE_START',
  INVALID_DATE = 'INVALID_DATE',
  SELF_DELEGATION = 'SELF_DELEGATION',
  NOT_THE_DELEGATE = 'NOT_THE_DELEGATE',
  NOT_ALLOWED_TO_MANAGE = 'NOT_ALLOWED_TO_MANAGE',
  NOT_AWAITING_ANSWER = 'NOT_AWAITING_ANSWER',
  NOT_ACTIVE = 'NOT_ACTIVE',
  MODIFICATION_PENDING = 'MODIFICATION_PENDING',
  NO_CHANGE = 'NO_CHANGE',
  REASON_REQUIRED = 'REASON_REQUIRED',
  NOT_ENDED_YET = 'NOT_ENDED_YET',
}

export class DelegationRuleViolation extends Error {
  constructor(
    readonly rule: DelegationRule,
    /** The field of the request the rule is about, when there is one. */
    readonly field?: string,
  ) {
    super(rule);
  }
}

export interface DelegationTerms {
  /** YYYY-MM-DD, Europe/Rome. */
  dataInizio: string;
  dataScadenza: string;
}

export interface DelegationState extends DelegationTerms {
  status: DelegationStatus;
  delegatorCf: string;
  delegateCf: string;
  /** A Modifica awaiting the delegate: its dates. The current terms hold meanwhile. */
  pendingChange: DelegationTerms | null;
}

/** Who acts on the delega, and what they are to it. */
export interface DelegationActor {
  codiceFiscale: string;
  /** Holds the organisation now (its amministratore). */
  holdsOrganization: boolean;
}

function checkTerms(terms: DelegationTerms, today: string, keepStart?: string): void {
  if (!isIsoDate(terms.dataInizio)) throw new DelegationRuleViolation(DelegationRule.INVALID_DATE, 'dataInizio');
  if (!isIsoDate(terms.dataScadenza)) throw new DelegationRuleViolation(DelegationRule.INVALID_DATE, 'dataScadenza');
  // No retroactive delega: the start is today or later (a Modifica may keep a start that has already passed).
  if (terms.dataInizio < today && terms.dataInizio !== keepStart) {
    throw new DelegationRuleViolation(DelegationRule.START_IN_THE_PAST, 'dataInizio');
  }
  if (terms.dataScadenza < terms.dataInizio) {
    throw new DelegationRuleViolation(DelegationRule.END_BEFORE_START, 'dataScadenza');
  }
  if (terms.dataScadenza < today) throw new DelegationRuleViolation(DelegationRule.END_BEFORE_START, 'dataScadenza');
}

/** Inserimento: the delegator (who holds the organisation) asks the delegate; it awaits the answer. */
export function request(
  delegator: DelegationActor,
  delegateCf: string,
  terms: DelegationTerms,
  today: string,
): DelegationState {
  if (!delegator.holdsOrganization) throw new DelegationRuleViolation(DelegationRule.NOT_ALLOWED_TO_MANAGE);
  if (delegator.codiceFiscale === delegateCf) {
    throw new DelegationRuleViolation(DelegationRule.SELF_DELEGATION, 'codiceFiscaleDelegato');
  }
  checkTerms(terms, today);
  return {
    status: DelegationStatus.IN_ATTESA,
    delegatorCf: delegator.codiceFiscale,
    delegateCf,
    dataInizio: terms.dataInizio,
    dataScadenza: terms.dataScadenza,
    pendingChange: null,
  };
}

function assertDelegate(state: DelegationState, actorCf: string): void {
  if (state.delegateCf !== actorCf) throw new DelegationRuleViolation(DelegationRule.NOT_THE_DELEGATE);
}

function assertAwaiting(state: DelegationState): void {
  const awaiting =
    state.status === DelegationStatus.IN_ATTESA ||
    (state.status === DelegationStatus.ACCETTATA && state.pendingChange !== null);
  if (!awaiting) throw new DelegationRuleViolation(DelegationRule.NOT_AWAITING_ANSWER);
}

/** The delegate accepts what awaits them: the delega itself (Inserimento) or its new dates (Modifica). */
export function accept(
  state: DelegationState,
  actorCf: string,
): { state: DelegationState; kind: DelegationRequestKind } {
  assertDelegate(state, actorCf);
  assertAwaiting(state);
  if (state.status === DelegationStatus.IN_ATTESA) {
    return { state: { ...state, status: DelegationStatus.ACCETTATA }, kind: DelegationRequestKind.INSERIMENTO };
  }
  const change = state.pendingChange!;
  return {
    state: { ...state, ...change, pendingChange: null },
    kind: DelegationRequestKind.MODIFICA,
  };
}

/** The delegate refuses, with a reason: a refused Inserimento never takes effect, a refused Modifica leaves the old terms. */
export function refuse(
  state: DelegationState,
  actorCf: string,
  reason: string,
): { state: DelegationState; kind: DelegationRequestKind } {
  assertDelegate(state, actorCf);
  assertAwaiting(state);
  if (reason.trim().length === 0) throw new DelegationRuleViolation(DelegationRule.REASON_REQUIRED, 'motivo');
  if (state.status === DelegationStatus.IN_ATTESA) {
    return { state: { ...state, status: DelegationStatus.RIFIUTATA }, kind: DelegationRequestKind.INSERIMENTO };
  }
  return { state: { ...state, pendingChange: null }, kind: DelegationRequestKind.MODIFICA };
}

/** The delegator while they still hold the organisation, or whoever is its amministratore now. */
function assertManager(actor: DelegationActor): void {
  if (!actor.holdsOrganization) throw new DelegationRuleViolation(DelegationRule.NOT_ALLOWED_TO_MANAGE);
}

/** Modifica: new dates for an accepted delega; the delegate accepts or refuses them, the current terms hold meanwhile. */
export function modify(
  state: DelegationState,
  actor: DelegationActor,
  terms: DelegationTerms,
  today: string,
): DelegationState {
  assertManager(actor);
  if (state.status !== DelegationStatus.ACCETTATA) throw new DelegationRuleViolation(DelegationRule.NOT_ACTIVE);
  if (state.pendingChange) throw new DelegationRuleViolation(DelegationRule.MODIFICATION_PENDING);
  checkTerms(terms, today, state.dataInizio);
  if (terms.dataInizio === state.dataInizio && terms.dataScadenza === state.dataScadenza) {
    throw new DelegationRuleViolation(DelegationRule.NO_CHANGE);
  }
  return { ...state, pendingChange: { dataInizio: terms.dataInizio, dataScadenza: terms.dataScadenza } };
}

/** Revoca: effective at once, by the delegator or the organisation's amministratore; a pending Modifica falls with it. */
export function revoke(state: DelegationState, actor: DelegationActor): DelegationState {
  assertManager(actor);
  if (state.status !== DelegationStatus.ACCETTATA) throw new DelegationRuleViolation(DelegationRule.NOT_ACTIVE);
  return { ...state, status: DelegationStatus.REVOCATA, pendingChange: null };
}

/**
 * Scadenza, by itself: an accepted delega once its last day is over; one still awaiting the delegate once its last
 * day is over too (it could only ever have held until then).
 */
export function expire(state: DelegationState, today: string): DelegationState {
  if (state.status !== DelegationStatus.ACCETTATA && state.status !== DelegationStatus.IN_ATTESA) {
    throw new DelegationRuleViolation(DelegationRule.NOT_ACTIVE);
  }
  if (addDays(state.dataScadenza, 1) > today) throw new DelegationRuleViolation(DelegationRule.NOT_ENDED_YET);
  return { ...state, status: DelegationStatus.SCADUTA, pendingChange: null };
}

/**
 * The delegator no longer holds the organisation (association revoked, amministratore changed): what they delegated
 * ends with their right, at once, whether accepted or still awaiting the delegate.
 */
export function endWithHolder(state: DelegationState): DelegationState {
  if (state.status !== DelegationStatus.ACCETTATA && state.status !== DelegationStatus.IN_ATTESA) {
    throw new DelegationRuleViolation(DelegationRule.NOT_ACTIVE);
  }
  return { ...state, status: DelegationStatus.REVOCATA, pendingChange: null };
}
