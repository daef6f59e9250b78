import { assertNever, DomainException } from '@profila/platform';

export enum DelegationsExceptionCode {
  /** Unknown, or not the caller's to see: the same answer, so nobody learns of another's deleghe. */
  DELEGATION_NOT_FOUND = 'DELEGATION_NOT_FOUND',
  DELEGATE_NEVER_LOGGED_IN = 'DELEGATE_NEVER_LOGGED_IN',
  ORGANIZATION_NOT_HELD = 'ORGANIZATION_NOT_HELD',
  DELEGATION_ALREADY_EXISTS = 'DELEGATION_ALREADY_EXISTS',
  NOT_AWAITING_ANSWER = 'NOT_AWAITING_ANSWER',
  NOT_ACTIVE = 'NOT_ACTIVE',
  MODIFICATION_PENDING = 'MODIFICATION_PENDING',
  NO_CHANGE = 'NO_CHANGE',
  DELEGATE_LIMIT_REACHED = 'DELEGATE_LIMIT_REACHED',
  DELEGATOR_DAILY_LIMIT_REACHED = 'DELEGATOR_DAILY_LIMIT_REACHED',
}

export class DelegationsException extends DomainException<DelegationsExceptionCode> {
  constructor(code: DelegationsExceptionCode, message = delegationsErrorMessage(code)) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case DelegationsExceptionCode.DELEGATION_NOT_FOUND:
      case DelegationsExceptionCode.DELEGATE_NEVER_LOGGED_IN:
        return 404;
      case DelegationsExceptionCode.ORGANIZATION_NOT_HELD:
        return 403;
      case DelegationsExceptionCode.DELEGATION_ALREADY_EXISTS:
      case DelegationsExceptionCode.NOT_AWAITING_ANSWER:
      case DelegationsExceptionCode.NOT_ACTIVE:
      case DelegationsExceptionCode.MODIFICATION_PENDING:
      case DelegationsExceptionCode.NO_CHANGE:
        return 409;
      case DelegationsExceptionCode.DELEGATE_LIMIT_REACHED:
      case DelegationsExceptionCode.DELEGATOR_DAILY_LIMIT_REACHED:
        return 429;
      default:
        return assertNever(this.code);
    }
  }
}

export function delegationsErrorMessage(code: DelegationsExceptionCode): string {
  switch (code) {
    case DelegationsExceptionCode.DELEGATION_NOT_FOUND:
      return 'Delega non trovata';
    case DelegationsExceptionCode.DELEGATE_NEVER_LOGGED_IN:
      return 'Il destinatario non ha mai effettuato l’accesso al portale: non può ricevere deleghe';
    case DelegationsExceptionCode.ORGANIZATION_NOT_HELD:
      return 'Per inviare o gestire deleghe è necessario avere almeno un profilo associato: non risulti amministratore di questo profilo';
    case DelegationsExceptionCode.DELEGATION_ALREADY_EXISTS:
      return 'Il destinatario ha già una delega in attesa o attiva per questo profilo: modificarla';
    case DelegationsExceptionCode.NOT_AWAITING_ANSWER:
      return 'La delega non è in attesa di approvazione';
    case DelegationsExceptionCode.NOT_ACTIVE:
      return 'La delega non è attiva';
    case DelegationsExceptionCode.MODIFICATION_PENDING:
      return 'È già in attesa di approvazione una modifica di questa delega';
    case DelegationsExceptionCode.NO_CHANGE:
      return 'Le date indicate sono quelle già in vigore';
    case DelegationsExceptionCode.DELEGATE_LIMIT_REACHED:
      return 'Il destinatario ha già il numero massimo di deleghe consentito';
    case DelegationsExceptionCode.DELEGATOR_DAILY_LIMIT_REACHED:
      return 'Hai inviato il numero massimo di deleghe consentito nelle ultime 24 ore: riprova più tardi';
    default:
      return assertNever(code);
  }
}
