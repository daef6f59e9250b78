import { assertNever, DomainException } from '@profila/platform';

export enum MeExceptionCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
}

export class MeException extends DomainException<MeExceptionCode> {
  constructor(code: MeExceptionCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  httpStatus(): number {
    switch (this.code) {
      case MeExceptionCode.VALIDATION_FAILED:
        return 400;
      default:
        return assertNever(this.code);
    }
  }
}
