import { assertNever, DomainException } from '@profila/platform';

export enum OrganizationsExceptionCode {
  ORGANIZATION_ALREADY_REGISTERED = 'ORGANIZATION_ALREADY_REGISTERED',
  RESPONSABILE_UNICO_TAKEN = 'RESPONSABILE_UNICO_TAKEN',
}

export class OrganizationsException extends DomainException<OrganizationsExceptionCode> {
  constructor(code: OrganizationsExceptionCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static alreadyRegistered(organizationId: string): OrganizationsException {
    return new OrganizationsException(
      OrganizationsExceptionCode.ORGANIZATION_ALREADY_REGISTERED,
      'Codice fiscale già presente in archivio: è possibile associare il profilo esistente (Associa profilo).',
      { organizationId, fields: { codiceFiscale: 'codice fiscale già presente in archivio' } },
    );
  }

  httpStatus(): number {
    switch (this.code) {
      case OrganizationsExceptionCode.ORGANIZATION_ALREADY_REGISTERED:
      case OrganizationsExceptionCode.RESPONSABILE_UNICO_TAKEN:
        return 409;
      default:
        return assertNever(this.code);
    }
  }
}
