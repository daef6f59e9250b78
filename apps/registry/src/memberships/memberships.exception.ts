import { assertNever, DomainException } from '@profila/platform';

export enum MembershipsExceptionCode {
  MEMBER_ALREADY_PRESENT = 'MEMBER_ALREADY_PRESENT',
  AMMINISTRATORE_NOT_EDITABLE = 'AMMINISTRATORE_NOT_EDITABLE',
}

export class MembershipsException extends DomainException<MembershipsExceptionCode> {
  constructor(code: MembershipsExceptionCode, message: string) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case MembershipsExceptionCode.MEMBER_ALREADY_PRESENT:
      case MembershipsExceptionCode.AMMINISTRATORE_NOT_EDITABLE:
        return 409;
      default:
        return assertNever(this.code);
    }
  }
}
