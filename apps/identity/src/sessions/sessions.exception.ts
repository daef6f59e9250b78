import { assertNever, DomainException } from '@profila/platform';

export enum SessionsExceptionCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  SESSION_NOT_FOUND = 'SESSION_NOT_FOUND',
  SESSION_ENDED = 'SESSION_ENDED',
  ORGANIZATION_NOT_ALLOWED = 'ORGANIZATION_NOT_ALLOWED',
  DELEGATION_UNAVAILABLE = 'DELEGATION_UNAVAILABLE',
  TEST_SESSIONS_DISABLED = 'TEST_SESSIONS_DISABLED',
}

export class SessionsException extends DomainException<SessionsExceptionCode> {
  constructor(code: SessionsExceptionCode, message: string) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case SessionsExceptionCode.UNAUTHENTICATED:
        return 401;
      case SessionsExceptionCode.SESSION_NOT_FOUND:
        return 404;
      case SessionsExceptionCode.SESSION_ENDED:
        return 410;
      case SessionsExceptionCode.ORGANIZATION_NOT_ALLOWED:
        return 403;
      case SessionsExceptionCode.DELEGATION_UNAVAILABLE:
        return 503;
      case SessionsExceptionCode.TEST_SESSIONS_DISABLED:
        return 404;
      default:
        return assertNever(this.code);
    }
  }
}
