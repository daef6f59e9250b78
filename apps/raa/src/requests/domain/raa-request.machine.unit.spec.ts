import { isViolation, nextState, protocolLabel, RAA_STATES } from './raa-request.machine.js';

describe('richiesta di accesso agli atti: state machine', () => {
  it('a draft is edited, sent or cancelled; a sent one is answered or refused', () => {
    expect(nextState('BOZZA', 'edit')).toBe('BOZZA');
    expect(nextState('BOZZA', 'submit')).toBe('INVIATA');
    expect(nextState('BOZZA', 'cancel')).toBe('ANNULLATA');
    expect(nextState('INVIATA', 'answer')).toBe('EVASA');
    expect(nextState('INVIATA', 'refuse')).toBe('RESPINTA');
  });

  it('nothing but a draft changes; nothing but a sent request is answered', () => {
    for (const state of RAA_STATES.filter((s) => s !== 'BOZZA')) {
      for (const command of ['edit', 'submit', 'cancel'] as const)
        expect(nextState(state, command)).toBe('NOT_EDITABLE');
    }
    for (const state of RAA_STATES.filter((s) => s !== 'INVIATA')) {
      for (const command of ['answer', 'refuse'] as const) {
        const next = nextState(state, command);
        expect(isViolation(next) && next).toBe('NOT_ALLOWED_IN_STATE');
      }
    }
  });

  it('protocol numbers read 0001/2026 and grow past four digits', () => {
    expect(protocolLabel(2026, 1)).toBe('0001/2026');
    expect(protocolLabel(2026, 12345)).toBe('12345/2026');
  });
});
