import { Inject, Injectable } from '@nestjs/common';
import type { AccessRightOrganization, AccessRightOrganizationsResponse } from '@profila/contracts';
import { SERVICE_CALLER_HEADER, SERVICE_TOKEN_HEADER } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV } from '../identity.tokens.js';
import { MeException, MeExceptionCode } from './me.exception.js';

/** An organisation a citizen may act for, as the delegation service's access rights say. */
export type ActingOption = AccessRightOrganization;

/** Asks delegation (owner of access rights) which organisations a citizen may act for now. */
@Injectable()
export class DelegationClient {
  constructor(@Inject(IDENTITY_ENV) private readonly env: IdentityEnv) {}

  async organizationsOf(codiceFiscale: string): Promise<ActingOption[]> {
    let res: Response;
    try {
      res = await fetch(
        `${this.env.DELEGATION_URL}/access-rights/citizens/${encodeURIComponent(codiceFiscale)}/organizations`,
        {
          headers: { [SERVICE_TOKEN_HEADER]: this.env.SERVICE_TOKEN, [SERVICE_CALLER_HEADER]: 'identity' },
          signal: AbortSignal.timeout(5000),
        },
      );
    } catch {
      throw unavailable();
    }
    if (!res.ok) throw unavailable();
    const body = (await res.json()) as Partial<AccessRightOrganizationsResponse>;
    return (body.organizations ?? []).map((o) => ({
      organizationId: o.organizationId,
      ragioneSociale: o.ragioneSociale,
      codiceFiscale: o.codiceFiscale,
      roles: o.roles ?? [],
    }));
  }
}

function unavailable(): MeException {
  return new MeException(
    MeExceptionCode.DELEGATION_UNAVAILABLE,
    'Elenco dei profili momentaneamente non disponibile. Riprovare più tardi.',
  );
}
