import { assertNever, DomainException } from '@profila/platform';

export enum AssociationsExceptionCode {
  /** "Azienda già assegnata": someone holds the organisation (they can delegate instead). */
  ORGANIZATION_ALREADY_ASSIGNED = 'ORGANIZATION_ALREADY_ASSIGNED',
  /** The signed file was inspected and refused: details.problems has each reason in Italian. */
  SIGNATURE_REFUSED = 'SIGNATURE_REFUSED',
  /** document-store refused the request (unknown request code, bad file...). */
  DECLARATION_REFUSED = 'DECLARATION_REFUSED',
  REQUEST_NOT_FOUND = 'REQUEST_NOT_FOUND',
  DOCUMENT_STORE_UNAVAILABLE = 'DOCUMENT_STORE_UNAVAILABLE',
}

export class AssociationsException extends DomainException<AssociationsExceptionCode> {
  constructor(code: AssociationsExceptionCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static alreadyAssigned(): AssociationsException {
    return new AssociationsException(AssociationsExceptionCode.ORGANIZATION_ALREADY_ASSIGNED, 'Azienda già assegnata', {
      hint: "Per operare per quest'azienda chiedere una delega a chi la detiene.",
    });
  }

  httpStatus(): number {
    switch (this.code) {
      case AssociationsExceptionCode.ORGANIZATION_ALREADY_ASSIGNED:
        return 409;
      case AssociationsExceptionCode.SIGNATURE_REFUSED:
        return 422;
      case AssociationsExceptionCode.DECLARATION_REFUSED:
        return 400;
      case AssociationsExceptionCode.REQUEST_NOT_FOUND:
        return 404;
      case AssociationsExceptionCode.DOCUMENT_STORE_UNAVAILABLE:
        return 503;
      default:
        return assertNever(this.code);
    }
  }
}
