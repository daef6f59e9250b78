import { assertNever, DomainException } from '@profila/platform';

export enum CitizensExceptionCode {
  CITIZEN_NOT_FOUND = 'CITIZEN_NOT_FOUND',
}

export class CitizensException extends DomainException<CitizensExceptionCode> {
  constructor(code: CitizensExceptionCode, message: string) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case CitizensExceptionCode.CITIZEN_NOT_FOUND:
        return 404;
      default:
        return assertNever(this.code);
    }
  }
}
