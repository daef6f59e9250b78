import { assertNever, DomainException } from './domain.exception.js';

/** Codes any service may answer, whatever the feature: the client sees them verbatim. */
export enum CommonErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_CODICE_FISCALE = 'INVALID_CODICE_FISCALE',
  CSRF_TOKEN_INVALID = 'CSRF_TOKEN_INVALID',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

/** Italian message of each common code, for the cases where the thrower has nothing more precise to say. */
export function commonErrorMessage(code: CommonErrorCode): string {
  switch (code) {
    case CommonErrorCode.UNAUTHENTICATED:
      return 'Autenticazione richiesta';
    case CommonErrorCode.FORBIDDEN:
      return 'Operazione non consentita';
    case CommonErrorCode.NOT_FOUND:
      return 'Risorsa non trovata';
    case CommonErrorCode.VALIDATION_FAILED:
      return 'Dati non validi';
    case CommonErrorCode.INVALID_CODICE_FISCALE:
      return 'Codice fiscale non valido';
    case CommonErrorCode.CSRF_TOKEN_INVALID:
      return 'Sessione scaduta o richiesta non valida: ricaricare la pagina e riprovare';
    case CommonErrorCode.TOO_MANY_REQUESTS:
      return 'Troppe richieste: riprovare tra poco';
    case CommonErrorCode.PAYLOAD_TOO_LARGE:
      return 'Richiesta troppo grande';
    case CommonErrorCode.SERVICE_UNAVAILABLE:
      return 'Servizio non disponibile';
    default:
      return assertNever(code);
  }
}

/** The exception of the codes above; feature modules throw their own exceptions for their own codes. */
export class CommonException extends DomainException<CommonErrorCode> {
  constructor(code: CommonErrorCode, message: string = commonErrorMessage(code), details?: Record<string, unknown>) {
    super(code, message, details);
  }

  httpStatus(): number {
    switch (this.code) {
      case CommonErrorCode.UNAUTHENTICATED:
        return 401;
      case CommonErrorCode.FORBIDDEN:
      case CommonErrorCode.CSRF_TOKEN_INVALID:
        return 403;
      case CommonErrorCode.NOT_FOUND:
        return 404;
      case CommonErrorCode.VALIDATION_FAILED:
      case CommonErrorCode.INVALID_CODICE_FISCALE:
        return 400;
      case CommonErrorCode.PAYLOAD_TOO_LARGE:
        return 413;
      case CommonErrorCode.TOO_MANY_REQUESTS:
        return 429;
      case CommonErrorCode.SERVICE_UNAVAILABLE:
        return 503;
      default:
        return assertNever(this.code);
    }
  }
}
