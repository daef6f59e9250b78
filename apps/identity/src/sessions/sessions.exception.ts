import { assertNever, DomainException } from '@profila/platform';

export enum SessionsExceptionCode {
  SESSION_NOT_FOUND = 'SESSION_NOT_FOUND',
  SESSION_ENDED = 'SESSION_ENDED',
}

export class SessionsException extends DomainException<SessionsExceptionCode> {
  constructor(code: SessionsExceptionCode, message: string) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case SessionsExceptionCode.SESSION_NOT_FOUND:
        return 404;
      case SessionsExceptionCode.SESSION_ENDED:
        return 410;
      default:
        return assertNever(this.code);
    }
  }
}
