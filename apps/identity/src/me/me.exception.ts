import { assertNever, DomainException } from '@profila/platform';

export enum MeExceptionCode {
  ORGANIZATION_NOT_ALLOWED = 'ORGANIZATION_NOT_ALLOWED',
  DELEGATION_UNAVAILABLE = 'DELEGATION_UNAVAILABLE',
}

export class MeException extends DomainException<MeExceptionCode> {
  constructor(code: MeExceptionCode, message: string) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case MeExceptionCode.ORGANIZATION_NOT_ALLOWED:
        return 403;
      case MeExceptionCode.DELEGATION_UNAVAILABLE:
        return 503;
      default:
        return assertNever(this.code);
    }
  }
}
