/**
 * The life of a verification request, as pure rules (no Nest, no database): which step may happen in which state,
 * by whom, and what the request becomes. Every step yields a history entry.
 *
 *   draft ──submit──▶ pending (RAA: awaiting-pec, until the PEC is confirmed)
 *   awaiting-pec ──confirmPec──▶ pending ──take──▶ taken ──approve──▶ approved
 *        │                         │  ▲             ├──reject(reason)──▶ rejected
 *        └──expire                 │  └─edit        └──requestIntegration(what)──▶ integration-requested
 *                                  └─(decisions take it implicitly)        │  ├─edit
 *                                                                            │  ├─resubmit──▶ resubmitted (= queue)
 *                                                                            └──expire (past due)──▶ expired
 */

export const VERIFICATION_KINDS = ['amministratore', 'responsabile-unico', 'raa'] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];

export const VERIFICATION_STATES = [
  'draft',
  'awaiting-pec',
  'pending',
  'taken',
  'integration-requested',
  'resubmitted',
  'approved',
  'rejected',
  'expired',
] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

/** Italian labels, as the portals print them ("In attesa di abilitazione", "Abilitato", "Respinto", "Da integrare"). */
export const STATE_LABELS: Record<VerificationState, string> = {
  draft: 'Bozza',
  'awaiting-pec': 'In attesa di conferma PEC',
  pending: 'In attesa di abilitazione',
  taken: 'Presa in carico',
  'integration-requested': 'Da integrare',
  resubmitted: 'Integrata, in attesa di abilitazione',
  approved: 'Abilitato',
  rejected: 'Respinto',
  expired: 'Scaduta',
};

export const KIND_LABELS: Record<VerificationKind, string> = {
  amministratore: 'Nomina amministratore aziendale',
  'responsabile-unico': 'Responsabile unico della pubblica amministrazione',
  raa: 'Profilo RAA (avvocati ed enti autorizzati)',
};

/** What the rules need to know of a request. */
export interface RequestSnapshot {
  state: VerificationState;
  applicantCf: string;
  /** Operator who took it (state taken), else null. */
  takenBy: string | null;
  /** integration-requested / awaiting-pec: the last day to act (YYYY-MM-DD, Europe/Rome). */
  dueDate: string | null;
}

export type Command =
  | { type: 'submit'; by: string; awaitPec: boolean; pecDueDate: string }
  | { type: 'confirm-pec' }
  | { type: 'edit'; by: string }
  | { type: 'take'; by: string }
  | { type: 'approve'; by: string }
  | { type: 'reject'; by: string; reason: string }
  | { type: 'request-integration'; by: string; missing: string; dueDate: string }
  | { type: 'resubmit'; by: string }
  | { type: 'expire'; today: string };

export type StepAction =
  | 'submitted'
  | 'pec-confirmed'
  | 'updated'
  | 'taken'
  | 'approved'
  | 'rejected'
  | 'integration-requested'
  | 'resubmitted'
  | 'expired';

/** A history entry (the timeline): who did what, with the reason or the missing items. */
export interface Step {
  action: StepAction;
  from: VerificationState;
  to: VerificationState;
  by: string | null;
  note: string | null;
}

export interface Transition {
  next: RequestSnapshot;
  /** One or two steps: a decision on a request nobody took first records the taking too. */
  steps: Step[];
}

export type RuleViolation =
  /** The step is not possible in the current state (e.g. approve a rejected request). */
  | 'NOT_ALLOWED_IN_STATE'
  /** Someone other than the applicant edits or resubmits. */
  | 'NOT_APPLICANT'
  /** Another operator took the request. */
  | 'TAKEN_BY_ANOTHER_OPERATOR'
  /** Reject without a reason, integration without what is missing. */
  | 'NOTE_REQUIRED'
  /** Resubmit after the due date. */
  | 'PAST_DUE';

export class VerificationRuleError extends Error {
  constructor(
    readonly violation: RuleViolation,
    readonly state: VerificationState,
  ) {
    super(`${violation} (${state})`);
  }
}

/** Requests an operator may work: in the queue or taken. */
export const OPEN_STATES: readonly VerificationState[] = ['pending', 'taken', 'resubmitted'];
/** The applicant may change them: nobody has taken them, or the operator asked for more. */
export const EDITABLE_STATES: readonly VerificationState[] = [
  'draft',
  'awaiting-pec',
  'pending',
  'resubmitted',
  'integration-requested',
];
export const FINAL_STATES: readonly VerificationState[] = ['approved', 'rejected', 'expired'];

export function isEditable(state: VerificationState): boolean {
  return EDITABLE_STATES.includes(state);
}

/** Applies a command, or throws a VerificationRuleError saying why it cannot happen. */
export function apply(request: RequestSnapshot, command: Command): Transition {
  const from = request.state;
  const fail = (violation: RuleViolation): never => {
    throw new VerificationRuleError(violation, from);
  };
  const to = (state: VerificationState, action: StepAction, by: string | null, note: string | null = null) => ({
    action,
    from,
    to: state,
    by,
    note,
  });

  switch (command.type) {
    case 'submit':
      if (command.by !== request.applicantCf) fail('NOT_APPLICANT');
      if (from !== 'draft') fail('NOT_ALLOWED_IN_STATE');
      return command.awaitPec
        ? {
            next: { ...request, state: 'awaiting-pec', dueDate: command.pecDueDate },
            steps: [to('awaiting-pec', 'submitted', command.by)],
          }
        : { next: { ...request, state: 'pending', dueDate: null }, steps: [to('pending', 'submitted', command.by)] };

    case 'confirm-pec':
      if (from !== 'awaiting-pec') fail('NOT_ALLOWED_IN_STATE');
      return { next: { ...request, state: 'pending', dueDate: null }, steps: [to('pending', 'pec-confirmed', null)] };

    case 'edit':
      if (command.by !== request.applicantCf) fail('NOT_APPLICANT');
      if (!isEditable(from)) fail('NOT_ALLOWED_IN_STATE');
      return { next: { ...request }, steps: [to(from, 'updated', command.by)] };

    case 'take':
      if (from === 'taken') fail(request.takenBy === command.by ? 'NOT_ALLOWED_IN_STATE' : 'TAKEN_BY_ANOTHER_OPERATOR');
      if (from !== 'pending' && from !== 'resubmitted') fail('NOT_ALLOWED_IN_STATE');
      return { next: { ...request, state: 'taken', takenBy: command.by }, steps: [to('taken', 'taken', command.by)] };

    case 'approve':
    case 'reject':
    case 'request-integration': {
      const note =
        command.type === 'reject'
          ? command.reason.trim()
          : command.type === 'request-integration'
            ? command.missing.trim()
            : null;
      if (command.type !== 'approve' && !note) fail('NOTE_REQUIRED');
      const steps: Step[] = [];
      if (from === 'pending' || from === 'resubmitted') {
        steps.push({ action: 'taken', from, to: 'taken', by: command.by, note: null });
      } else if (from === 'taken') {
        if (request.takenBy !== command.by) fail('TAKEN_BY_ANOTHER_OPERATOR');
      } else {
        fail('NOT_ALLOWED_IN_STATE');
      }
      const state: VerificationState =
        command.type === 'approve' ? 'approved' : command.type === 'reject' ? 'rejected' : 'integration-requested';
      const action: StepAction =
        command.type === 'approve' ? 'approved' : command.type === 'reject' ? 'rejected' : 'integration-requested';
      steps.push({ action, from: 'taken', to: state, by: command.by, note });
      return {
        next: {
          ...request,
          state,
          takenBy: command.type === 'request-integration' ? null : command.by,
          dueDate: command.type === 'request-integration' ? command.dueDate : null,
        },
        steps,
      };
    }

    case 'resubmit':
      if (command.by !== request.applicantCf) fail('NOT_APPLICANT');
      if (from !== 'integration-requested') fail('NOT_ALLOWED_IN_STATE');
      return {
        next: { ...request, state: 'resubmitted', dueDate: null },
        steps: [to('resubmitted', 'resubmitted', command.by)],
      };

    case 'expire':
      if (from !== 'integration-requested' && from !== 'awaiting-pec') fail('NOT_ALLOWED_IN_STATE');
      if (!request.dueDate || request.dueDate >= command.today) fail('NOT_ALLOWED_IN_STATE');
      return { next: { ...request, state: 'expired' }, steps: [to('expired', 'expired', null)] };

    default:
      return assertNever(command);
  }
}

/**
 * Late: waiting for an operator (in the queue or taken) since more than `lateAfterDays` days. `waitingSince` is when
 * it last entered the queue (submission, PEC confirmation or resubmission).
 */
export function isLate(state: VerificationState, waitingSince: Date, now: Date, lateAfterDays: number): boolean {
  return OPEN_STATES.includes(state) && now.getTime() - waitingSince.getTime() > lateAfterDays * 86_400_000;
}

/** The day `days` days after `from`, as a calendar day in Europe/Rome. */
export function addDays(from: Date, days: number): string {
  return romeDay(new Date(from.getTime() + days * 86_400_000));
}

export function romeDay(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
}

function assertNever(value: never): never {
  throw new Error(`Unexpected command ${JSON.stringify(value)}`);
}
