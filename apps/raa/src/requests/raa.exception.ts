import { assertNever, DomainException } from '@profila/platform';

export enum RaaExceptionCode {
  /** The request was sent ("Invia e protocolla") or cancelled: nothing of it can change any more. */
  REQUEST_NOT_EDITABLE = 'REQUEST_NOT_EDITABLE',
  /** The step is not possible in the request's state (answer a draft, refuse an answered request). */
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
  /** The worker's codice fiscale is already in the request. */
  WORKER_ALREADY_LISTED = 'WORKER_ALREADY_LISTED',
  /** The document is already attached to the request. */
  ATTACHMENT_ALREADY_LISTED = 'ATTACHMENT_ALREADY_LISTED',
  /** The caller has no enabled RAA profile. */
  RAA_PROFILE_REQUIRED = 'RAA_PROFILE_REQUIRED',
  /** The caller is not an officer (back-office operator) of any territory. */
  NOT_AN_OFFICER = 'NOT_AN_OFFICER',
}

export class RaaException extends DomainException<RaaExceptionCode> {
  constructor(code: RaaExceptionCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  httpStatus(): number {
    switch (this.code) {
      case RaaExceptionCode.REQUEST_NOT_EDITABLE:
      case RaaExceptionCode.TRANSITION_NOT_ALLOWED:
      case RaaExceptionCode.WORKER_ALREADY_LISTED:
      case RaaExceptionCode.ATTACHMENT_ALREADY_LISTED:
        return 409;
      case RaaExceptionCode.RAA_PROFILE_REQUIRED:
      case RaaExceptionCode.NOT_AN_OFFICER:
        return 403;
      default:
        return assertNever(this.code);
    }
  }
}
