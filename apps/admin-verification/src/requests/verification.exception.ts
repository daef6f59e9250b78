import { assertNever, DomainException } from '@profila/platform';

export enum VerificationExceptionCode {
  /** The step is not possible in the request's state (e.g. approve a rejected request). */
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
  /** An operator took the request in charge: the applicant can no longer change it. */
  REQUEST_NOT_EDITABLE = 'REQUEST_NOT_EDITABLE',
  TAKEN_BY_ANOTHER_OPERATOR = 'TAKEN_BY_ANOTHER_OPERATOR',
  /** The integration was not resubmitted in time. */
  PAST_DUE = 'PAST_DUE',
  /** A person is Responsabile unico of at most one PA. */
  RESPONSABILE_UNICO_OTHER_PA = 'RESPONSABILE_UNICO_OTHER_PA',
  /** A request of the same kind for the same company / person is already open. */
  REQUEST_ALREADY_OPEN = 'REQUEST_ALREADY_OPEN',
  /** The named organisation cannot get an Amministratore this way (a PA has a Responsabile unico). */
  ORGANIZATION_NOT_ELIGIBLE = 'ORGANIZATION_NOT_ELIGIBLE',
  /** Approving a Responsabile unico needs the PA in the registry first. */
  PA_NOT_IN_REGISTRY = 'PA_NOT_IN_REGISTRY',
  PA_ALREADY_IN_REGISTRY = 'PA_ALREADY_IN_REGISTRY',
  /** Unknown, used or expired PEC confirmation link. */
  PEC_LINK_INVALID = 'PEC_LINK_INVALID',
  /** The caller is not an operator of the back office. */
  NOT_AN_OPERATOR = 'NOT_AN_OPERATOR',
  /** Only a super-operator manages operators. */
  NOT_A_SUPER_OPERATOR = 'NOT_A_SUPER_OPERATOR',
}

export class VerificationException extends DomainException<VerificationExceptionCode> {
  constructor(code: VerificationExceptionCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  httpStatus(): number {
    switch (this.code) {
      case VerificationExceptionCode.TRANSITION_NOT_ALLOWED:
      case VerificationExceptionCode.REQUEST_NOT_EDITABLE:
      case VerificationExceptionCode.TAKEN_BY_ANOTHER_OPERATOR:
      case VerificationExceptionCode.PAST_DUE:
      case VerificationExceptionCode.RESPONSABILE_UNICO_OTHER_PA:
      case VerificationExceptionCode.REQUEST_ALREADY_OPEN:
      case VerificationExceptionCode.PA_NOT_IN_REGISTRY:
      case VerificationExceptionCode.PA_ALREADY_IN_REGISTRY:
        return 409;
      case VerificationExceptionCode.ORGANIZATION_NOT_ELIGIBLE:
        return 422;
      case VerificationExceptionCode.PEC_LINK_INVALID:
        return 404;
      case VerificationExceptionCode.NOT_AN_OPERATOR:
      case VerificationExceptionCode.NOT_A_SUPER_OPERATOR:
        return 403;
      default:
        return assertNever(this.code);
    }
  }
}
