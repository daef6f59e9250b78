import { assertNever, DomainException } from '@profila/platform';

export enum RegistryAccessExceptionCode {
  /** Dati azienda first: the rappresentante legale must be saved before units and organigram unlock. */
  LEGAL_REPRESENTATIVE_REQUIRED = 'LEGAL_REPRESENTATIVE_REQUIRED',
}

/** Refusals shared by every section of an organisation (the gate of the Trentino flow). */
export class RegistryAccessException extends DomainException<RegistryAccessExceptionCode> {
  constructor(code: RegistryAccessExceptionCode, message: string) {
    super(code, message);
  }

  httpStatus(): number {
    switch (this.code) {
      case RegistryAccessExceptionCode.LEGAL_REPRESENTATIVE_REQUIRED:
        return 409;
      default:
        return assertNever(this.code);
    }
  }
}
