import { assertNever, DomainException } from '@profila/platform';

export enum LegacyAccountsExceptionCode {
  /** Wrong password or unknown username: one answer for both, so the answer never tells whether a username exists. */
  LEGACY_CREDENTIALS_INVALID = 'LEGACY_CREDENTIALS_INVALID',
  /** Another citizen already claimed this legacy account. */
  LEGACY_ACCOUNT_ALREADY_CLAIMED = 'LEGACY_ACCOUNT_ALREADY_CLAIMED',
}

export class LegacyAccountsException extends DomainException<LegacyAccountsExceptionCode> {
  constructor(code: LegacyAccountsExceptionCode, message: string) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case LegacyAccountsExceptionCode.LEGACY_CREDENTIALS_INVALID:
        return 401;
      case LegacyAccountsExceptionCode.LEGACY_ACCOUNT_ALREADY_CLAIMED:
        return 409;
      default:
        return assertNever(this.code);
    }
  }
}
