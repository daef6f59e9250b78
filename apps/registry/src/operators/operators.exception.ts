import { assertNever, DomainException } from '@profila/platform';

export enum OperatorsExceptionCode {
  /** Operators belong to a Region, a Provincia or an agency for the work (ente operatore). */
  NOT_AN_OPERATOR_ORGANIZATION = 'NOT_AN_OPERATOR_ORGANIZATION',
  OPERATOR_NOT_FOUND = 'OPERATOR_NOT_FOUND',
}

export class OperatorsException extends DomainException<OperatorsExceptionCode> {
  constructor(code: OperatorsExceptionCode, message: string) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case OperatorsExceptionCode.NOT_AN_OPERATOR_ORGANIZATION:
        return 422;
      case OperatorsExceptionCode.OPERATOR_NOT_FOUND:
        return 404;
      default:
        return assertNever(this.code);
    }
  }
}
