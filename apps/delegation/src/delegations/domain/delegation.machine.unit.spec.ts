import {
  accept,
  type DelegationActor,
  DelegationRequestKind,
  DelegationRule,
  DelegationRuleViolation,
  type DelegationState,
  DelegationStatus,
  endWithHolder,
  expire,
  modify,
  refuse,
  request,
  revoke,
} from './delegation.machine.js';

const A = 'RSSMRA80A01H501U';
const B = 'BNCGNN75C41F205Y';
const C = 'VRDLCU80A01H501X';
const TODAY = '2026-03-10';
const holder: DelegationActor = { codiceFiscale: A, holdsOrganization: true };
const terms = { dataInizio: TODAY, dataScadenza: '2026-04-30' };

function refused(fn: () => unknown, rule: DelegationRule): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DelegationRuleViolation);
    expect((error as DelegationRuleViolation).rule).toBe(rule);
    return;
  }
  throw new Error(`expected ${rule}`);
}

const pending = (): DelegationState => request(holder, B, terms, TODAY);
const active = (): DelegationState => accept(pending(), B).state;

describe('Inserimento', () => {
  it('a holder delegates a citizen from today: in attesa di approvazione', () => {
    expect(pending()).toEqual({
      status: DelegationStatus.IN_ATTESA,
      delegatorCf: A,
      delegateCf: B,
      dataInizio: TODAY,
      dataScadenza: '2026-04-30',
      pendingChange: null,
    });
    expect(request(holder, B, { dataInizio: '2026-05-01', dataScadenza: '2026-05-01' }, TODAY).status).toBe(
      DelegationStatus.IN_ATTESA,
    );
  });

  it('is refused with a start in the past (no retroactive deleghe)', () => {
    refused(() => request(holder, B, { ...terms, dataInizio: '2026-03-09' }, TODAY), DelegationRule.START_IN_THE_PAST);
  });

  it('is refused with an end before the start, or a date that does not exist', () => {
    refused(
      () => request(holder, B, { dataInizio: '2026-04-02', dataScadenza: '2026-04-01' }, TODAY),
      DelegationRule.END_BEFORE_START,
    );
    refused(() => request(holder, B, { ...terms, dataScadenza: '2026-02-30' }, TODAY), DelegationRule.INVALID_DATE);
  });

  it('is refused to whoever does not hold the organisation, and to oneself', () => {
    refused(
      () => request({ codiceFiscale: C, holdsOrganization: false }, B, terms, TODAY),
      DelegationRule.NOT_ALLOWED_TO_MANAGE,
    );
    refused(() => request(holder, A, terms, TODAY), DelegationRule.SELF_DELEGATION);
  });
});

describe('answer of the delegate', () => {
  it('accepting an Inserimento: accettata (Completata)', () => {
    expect(accept(pending(), B)).toEqual({
      state: { ...pending(), status: DelegationStatus.ACCETTATA },
      kind: DelegationRequestKind.INSERIMENTO,
    });
  });

  it('refusing an Inserimento with a reason: rifiutata', () => {
    expect(refuse(pending(), B, 'Non lavoro più per voi')).toEqual({
      state: { ...pending(), status: DelegationStatus.RIFIUTATA },
      kind: DelegationRequestKind.INSERIMENTO,
    });
  });

  it('a refusal needs a reason', () => {
    refused(() => refuse(pending(), B, '   '), DelegationRule.REASON_REQUIRED);
  });

  it('only the delegate answers: not the delegator, not a third citizen', () => {
    refused(() => accept(pending(), A), DelegationRule.NOT_THE_DELEGATE);
    refused(() => refuse(pending(), C, 'no'), DelegationRule.NOT_THE_DELEGATE);
  });

  it('nothing to answer once accepted, refused, revoked or expired', () => {
    refused(() => accept(active(), B), DelegationRule.NOT_AWAITING_ANSWER);
    const rifiutata = refuse(pending(), B, 'no').state;
    refused(() => accept(rifiutata, B), DelegationRule.NOT_AWAITING_ANSWER);
    refused(() => refuse(revoke(active(), holder), B, 'no'), DelegationRule.NOT_AWAITING_ANSWER);
    refused(() => accept(expire(active(), '2026-05-01'), B), DelegationRule.NOT_AWAITING_ANSWER);
  });
});

describe('Modifica', () => {
  const newTerms = { dataInizio: TODAY, dataScadenza: '2026-06-30' };

  it('asks for new dates; the current ones hold until the delegate accepts', () => {
    const asked = modify(active(), holder, newTerms, TODAY);
    expect(asked).toMatchObject({
      status: DelegationStatus.ACCETTATA,
      dataScadenza: '2026-04-30',
      pendingChange: newTerms,
    });
    expect(accept(asked, B)).toEqual({
      state: { ...asked, dataScadenza: '2026-06-30', pendingChange: null },
      kind: DelegationRequestKind.MODIFICA,
    });
  });

  it('refused by the delegate: the old terms stay', () => {
    const asked = modify(active(), holder, newTerms, TODAY);
    expect(refuse(asked, B, 'Troppo lunga')).toEqual({
      state: { ...asked, pendingChange: null },
      kind: DelegationRequestKind.MODIFICA,
    });
  });

  it('may keep a start that has passed, never move it into the past', () => {
    const started = active();
    expect(
      modify(started, holder, { dataInizio: TODAY, dataScadenza: '2026-05-31' }, '2026-03-20').pendingChange,
    ).toEqual({
      dataInizio: TODAY,
      dataScadenza: '2026-05-31',
    });
    refused(
      () => modify(started, holder, { dataInizio: '2026-03-15', dataScadenza: '2026-05-31' }, '2026-03-20'),
      DelegationRule.START_IN_THE_PAST,
    );
  });

  it('is refused on a delega not accepted, with a Modifica already pending, without a change, or by a non-holder', () => {
    refused(() => modify(pending(), holder, newTerms, TODAY), DelegationRule.NOT_ACTIVE);
    refused(
      () => modify(modify(active(), holder, newTerms, TODAY), holder, newTerms, TODAY),
      DelegationRule.MODIFICATION_PENDING,
    );
    refused(() => modify(active(), holder, terms, TODAY), DelegationRule.NO_CHANGE);
    refused(
      () => modify(active(), { codiceFiscale: B, holdsOrganization: false }, newTerms, TODAY),
      DelegationRule.NOT_ALLOWED_TO_MANAGE,
    );
  });
});

describe('Revoca', () => {
  it('ends an accepted delega at once, and a pending Modifica with it', () => {
    const asked = modify(active(), holder, { dataInizio: TODAY, dataScadenza: '2026-06-30' }, TODAY);
    expect(revoke(asked, holder)).toMatchObject({ status: DelegationStatus.REVOCATA, pendingChange: null });
  });

  it('by the organisation’s amministratore too (not the delegator)', () => {
    expect(revoke(active(), { codiceFiscale: C, holdsOrganization: true }).status).toBe(DelegationStatus.REVOCATA);
  });

  it('is refused to the delegate, and on a delega not accepted', () => {
    refused(
      () => revoke(active(), { codiceFiscale: B, holdsOrganization: false }),
      DelegationRule.NOT_ALLOWED_TO_MANAGE,
    );
    refused(() => revoke(pending(), holder), DelegationRule.NOT_ACTIVE);
    refused(() => revoke(revoke(active(), holder), holder), DelegationRule.NOT_ACTIVE);
  });
});

describe('Scadenza', () => {
  it('an accepted delega expires by itself once its last day is over, not before', () => {
    refused(() => expire(active(), '2026-04-30'), DelegationRule.NOT_ENDED_YET);
    expect(expire(active(), '2026-05-01').status).toBe(DelegationStatus.SCADUTA);
  });

  it('a request never answered expires too', () => {
    expect(expire(pending(), '2026-05-01').status).toBe(DelegationStatus.SCADUTA);
  });

  it('a refused, revoked or expired delega does not expire again', () => {
    refused(() => expire(refuse(pending(), B, 'no').state, '2026-05-01'), DelegationRule.NOT_ACTIVE);
    refused(() => expire(revoke(active(), holder), '2026-05-01'), DelegationRule.NOT_ACTIVE);
    refused(() => expire(expire(active(), '2026-05-01'), '2026-05-02'), DelegationRule.NOT_ACTIVE);
  });
});

describe('the delegator loses the organisation', () => {
  it('ends an accepted delega and one still awaiting the delegate, at once', () => {
    expect(endWithHolder(active()).status).toBe(DelegationStatus.REVOCATA);
    expect(endWithHolder(pending())).toMatchObject({ status: DelegationStatus.REVOCATA, pendingChange: null });
  });

  it('leaves ended deleghe as they are', () => {
    refused(() => endWithHolder(refuse(pending(), B, 'no').state), DelegationRule.NOT_ACTIVE);
    refused(() => endWithHolder(expire(active(), '2026-05-01')), DelegationRule.NOT_ACTIVE);
  });
});
