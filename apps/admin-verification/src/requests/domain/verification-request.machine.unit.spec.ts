import {
  addDays,
  apply,
  type Command,
  isEditable,
  isLate,
  type RequestSnapshot,
  VerificationRuleError,
  type VerificationState,
} from './verification-request.machine.js';

const APPLICANT = 'VNTLNZ88B26I921M';
const OP = 'SPSLCU75C22F839B';
const OTHER_OP = 'RMNFNC88S45L219F';

const at = (state: VerificationState, extra: Partial<RequestSnapshot> = {}): RequestSnapshot => ({
  state,
  applicantCf: APPLICANT,
  takenBy: state === 'taken' ? OP : null,
  dueDate: null,
  ...extra,
});

function violation(request: RequestSnapshot, command: Command): string {
  try {
    apply(request, command);
  } catch (error) {
    if (error instanceof VerificationRuleError) return error.violation;
    throw error;
  }
  return 'none';
}

describe('verification request state machine', () => {
  it('submit: draft → pending, or awaiting-pec with its due day for an RAA profile; only the applicant', () => {
    expect(
      apply(at('draft'), { type: 'submit', by: APPLICANT, awaitPec: false, pecDueDate: '2030-01-08' }).next,
    ).toMatchObject({
      state: 'pending',
      dueDate: null,
    });
    const raa = apply(at('draft'), { type: 'submit', by: APPLICANT, awaitPec: true, pecDueDate: '2030-01-08' });
    expect(raa.next).toMatchObject({ state: 'awaiting-pec', dueDate: '2030-01-08' });
    expect(raa.steps[0]).toMatchObject({ action: 'submitted', from: 'draft', to: 'awaiting-pec' });
    expect(violation(at('draft'), { type: 'submit', by: OP, awaitPec: false, pecDueDate: 'x' })).toBe('NOT_APPLICANT');
    expect(violation(at('pending'), { type: 'submit', by: APPLICANT, awaitPec: false, pecDueDate: 'x' })).toBe(
      'NOT_ALLOWED_IN_STATE',
    );
  });

  it('confirm-pec: awaiting-pec → pending, only from awaiting-pec', () => {
    const t = apply(at('awaiting-pec', { dueDate: '2030-01-10' }), { type: 'confirm-pec' });
    expect(t.next.state).toBe('pending');
    expect(t.next.dueDate).toBeNull();
    expect(t.steps).toEqual([{ action: 'pec-confirmed', from: 'awaiting-pec', to: 'pending', by: null, note: null }]);
    expect(violation(at('pending'), { type: 'confirm-pec' })).toBe('NOT_ALLOWED_IN_STATE');
  });

  it('edit: the applicant, while nobody has taken it or an integration is asked', () => {
    for (const state of ['draft', 'awaiting-pec', 'pending', 'resubmitted', 'integration-requested'] as const) {
      const t = apply(at(state), { type: 'edit', by: APPLICANT });
      expect(t.next.state).toBe(state);
      expect(t.steps[0]).toMatchObject({ action: 'updated', by: APPLICANT });
    }
    for (const state of ['taken', 'approved', 'rejected', 'expired'] as const) {
      expect(violation(at(state), { type: 'edit', by: APPLICANT })).toBe('NOT_ALLOWED_IN_STATE');
      expect(isEditable(state)).toBe(false);
    }
    expect(violation(at('pending'), { type: 'edit', by: OP })).toBe('NOT_APPLICANT');
  });

  it('take: pending or resubmitted → taken by the operator; never twice', () => {
    for (const state of ['pending', 'resubmitted'] as const) {
      const t = apply(at(state), { type: 'take', by: OP });
      expect(t.next).toMatchObject({ state: 'taken', takenBy: OP });
    }
    expect(violation(at('taken'), { type: 'take', by: OTHER_OP })).toBe('TAKEN_BY_ANOTHER_OPERATOR');
    expect(violation(at('taken'), { type: 'take', by: OP })).toBe('NOT_ALLOWED_IN_STATE');
    expect(violation(at('approved'), { type: 'take', by: OP })).toBe('NOT_ALLOWED_IN_STATE');
    expect(violation(at('awaiting-pec'), { type: 'take', by: OP })).toBe('NOT_ALLOWED_IN_STATE');
  });

  it('approve: taken by the same operator → approved', () => {
    const t = apply(at('taken'), { type: 'approve', by: OP });
    expect(t.next.state).toBe('approved');
    expect(t.steps).toEqual([{ action: 'approved', from: 'taken', to: 'approved', by: OP, note: null }]);
    expect(violation(at('taken'), { type: 'approve', by: OTHER_OP })).toBe('TAKEN_BY_ANOTHER_OPERATOR');
  });

  it('a decision on a request in the queue records the taking first', () => {
    const t = apply(at('pending'), { type: 'approve', by: OP });
    expect(t.steps.map((s) => s.action)).toEqual(['taken', 'approved']);
    expect(t.steps[0]).toMatchObject({ from: 'pending', to: 'taken', by: OP });
  });

  it('reject: the reason is required and kept', () => {
    const t = apply(at('taken'), { type: 'reject', by: OP, reason: '  Documento di identità scaduto ' });
    expect(t.next.state).toBe('rejected');
    expect(t.steps.at(-1)).toMatchObject({ action: 'rejected', note: 'Documento di identità scaduto' });
    expect(violation(at('taken'), { type: 'reject', by: OP, reason: '   ' })).toBe('NOTE_REQUIRED');
  });

  it('request-integration: what is missing is required; the due date is set and the operator released', () => {
    const t = apply(at('taken'), {
      type: 'request-integration',
      by: OP,
      missing: 'Delega firmata',
      dueDate: '2030-02-01',
    });
    expect(t.next).toMatchObject({ state: 'integration-requested', dueDate: '2030-02-01', takenBy: null });
    expect(t.steps.at(-1)).toMatchObject({ action: 'integration-requested', note: 'Delega firmata' });
    expect(violation(at('taken'), { type: 'request-integration', by: OP, missing: '', dueDate: '2030-02-01' })).toBe(
      'NOTE_REQUIRED',
    );
  });

  it('no decision on a closed request', () => {
    for (const state of [
      'draft',
      'approved',
      'rejected',
      'expired',
      'integration-requested',
      'awaiting-pec',
    ] as const) {
      expect(violation(at(state), { type: 'approve', by: OP })).toBe('NOT_ALLOWED_IN_STATE');
      expect(violation(at(state), { type: 'reject', by: OP, reason: 'x' })).toBe('NOT_ALLOWED_IN_STATE');
    }
  });

  it('resubmit: the applicant, after an integration request → resubmitted (back in the queue)', () => {
    const t = apply(at('integration-requested', { dueDate: '2030-02-01' }), { type: 'resubmit', by: APPLICANT });
    expect(t.next).toMatchObject({ state: 'resubmitted', dueDate: null });
    expect(violation(at('integration-requested'), { type: 'resubmit', by: OP })).toBe('NOT_APPLICANT');
    expect(violation(at('pending'), { type: 'resubmit', by: APPLICANT })).toBe('NOT_ALLOWED_IN_STATE');
    // and the operator can take it again
    expect(apply(t.next, { type: 'take', by: OTHER_OP }).next).toMatchObject({ state: 'taken', takenBy: OTHER_OP });
  });

  it('expire: only past the due day, only while waiting for the applicant', () => {
    const waiting = at('integration-requested', { dueDate: '2030-02-01' });
    expect(violation(waiting, { type: 'expire', today: '2030-02-01' })).toBe('NOT_ALLOWED_IN_STATE');
    expect(apply(waiting, { type: 'expire', today: '2030-02-02' }).next.state).toBe('expired');
    expect(
      apply(at('awaiting-pec', { dueDate: '2030-02-01' }), { type: 'expire', today: '2030-03-01' }).next.state,
    ).toBe('expired');
    expect(violation(at('pending', { dueDate: '2030-02-01' }), { type: 'expire', today: '2030-03-01' })).toBe(
      'NOT_ALLOWED_IN_STATE',
    );
  });

  it('late: waiting for an operator longer than the setting', () => {
    const since = new Date('2030-01-01T10:00:00Z');
    expect(isLate('pending', since, new Date('2030-01-06T09:00:00Z'), 5)).toBe(false);
    expect(isLate('pending', since, new Date('2030-01-06T11:00:00Z'), 5)).toBe(true);
    expect(isLate('taken', since, new Date('2030-01-09T00:00:00Z'), 5)).toBe(true);
    expect(isLate('integration-requested', since, new Date('2030-02-09T00:00:00Z'), 5)).toBe(false);
    expect(isLate('approved', since, new Date('2030-02-09T00:00:00Z'), 5)).toBe(false);
  });

  it('addDays counts calendar days in Europe/Rome', () => {
    expect(addDays(new Date('2030-01-31T23:30:00Z'), 1)).toBe('2030-02-02');
    expect(addDays(new Date('2030-01-31T10:00:00Z'), 15)).toBe('2030-02-15');
  });
});
