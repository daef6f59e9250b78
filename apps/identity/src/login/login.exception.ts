import { assertNever, DomainException } from '@profila/platform';

/** Login refusals that are not about the SAML message itself. */
export enum LoginExceptionCode {
  /** The Response reached us from a browser that did not start this login (login CSRF) or without its cookie. */
  LOGIN_NOT_BOUND = 'LOGIN_NOT_BOUND',
  /** Too many logins started and not finished from one client address. */
  TOO_MANY_LOGINS = 'TOO_MANY_LOGINS',
  /** Our side failed (database, …): nothing the user did. */
  LOGIN_FAILED = 'LOGIN_FAILED',
}

export function loginErrorMessage(code: LoginExceptionCode): string {
  switch (code) {
    case LoginExceptionCode.LOGIN_NOT_BOUND:
      return "L'accesso non è stato avviato da questo browser, oppure è scaduto. Ripetere l'accesso dal portale.";
    case LoginExceptionCode.TOO_MANY_LOGINS:
      return 'Troppi accessi avviati e non completati. Riprovare tra qualche minuto.';
    case LoginExceptionCode.LOGIN_FAILED:
      return "Non è stato possibile completare l'accesso per un problema temporaneo. Riprovare più tardi.";
    default:
      return assertNever(code);
  }
}

export class LoginException extends DomainException<LoginExceptionCode> {
  constructor(code: LoginExceptionCode) {
    super(code, loginErrorMessage(code));
  }

  httpStatus(): number {
    switch (this.code) {
      case LoginExceptionCode.LOGIN_NOT_BOUND:
        return 403;
      case LoginExceptionCode.TOO_MANY_LOGINS:
        return 429;
      case LoginExceptionCode.LOGIN_FAILED:
        return 503;
      default:
        return assertNever(this.code);
    }
  }
}
