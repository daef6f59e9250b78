import { assertNever, DomainException } from '@profila/platform';

export enum LegacyAccountsExceptionCode {
  /** Wrong password or unknown username: one answer for both, so the answer never tells whether a username exists. */
  LEGACY_CREDENTIALS_INVALID = 'LEGACY_CREDENTIALS_INVALID',
  /** Another citizen already claimed this legacy account. */
  LEGACY_ACCOUNT_ALREADY_CLAIMED = 'LEGACY_ACCOUNT_ALREADY_CLAIMED',
  /** The right password of an RAA login that is another person's (its codice fiscale is not the caller's). */
  LEGACY_ACCOUNT_OF_ANOTHER_PERSON = 'LEGACY_ACCOUNT_OF_ANOTHER_PERSON',
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
      case LegacyAccountsExceptionCode.LEGACY_ACCOUNT_OF_ANOTHER_PERSON:
        return 403;
      default:
        return assertNever(this.code);
    }
  }
}
