import { assertNever, DomainException } from '@profila/platform';

export enum CitizensExceptionCode {
  CITIZEN_NEVER_LOGGED_IN = 'CITIZEN_NEVER_LOGGED_IN',
}

export class CitizensException extends DomainException<CitizensExceptionCode> {
  constructor(code: CitizensExceptionCode, message = citizensErrorMessage(code)) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case CitizensExceptionCode.CITIZEN_NEVER_LOGGED_IN:
        return 404;
      default:
        return assertNever(this.code);
    }
  }
}

function citizensErrorMessage(code: CitizensExceptionCode): string {
  switch (code) {
    case CitizensExceptionCode.CITIZEN_NEVER_LOGGED_IN:
      return 'Il cittadino non ha mai effettuato l’accesso: non può ricevere deleghe';
    default:
      return assertNever(code);
  }
}
