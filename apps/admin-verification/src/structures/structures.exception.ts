import { assertNever, DomainException } from '@profila/platform';

export enum StructuresExceptionCode {
  /** The registry refused the change for a reason of its own (its message is passed on). */
  STRUCTURE_CHANGE_REFUSED = 'STRUCTURE_CHANGE_REFUSED',
}

export class StructuresException extends DomainException<StructuresExceptionCode> {
  constructor(code: StructuresExceptionCode, message: string) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case StructuresExceptionCode.STRUCTURE_CHANGE_REFUSED:
        return 409;
      default:
        return assertNever(this.code);
    }
  }
}
