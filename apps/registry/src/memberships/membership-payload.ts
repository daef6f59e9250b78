import type { MembershipV1 } from '@profila/contracts';
import type { Organization } from '../organizations/organization.entity.js';
import type { Membership } from './membership.entity.js';

/** What every registry.membership.v1 event carries. */
export function membershipPayload(organization: Organization, m: Membership, unitIds: string[]): MembershipV1 {
  return {
    membershipId: m.id,
    organizationId: organization.id,
    organizationCodiceFiscale: organization.codiceFiscale,
    codiceFiscale: m.codiceFiscale,
    kind: m.kind,
    roles: m.roles,
    scope: m.scope,
    unitIds: m.scope === 'units' ? unitIds : [],
    validFrom: m.validFrom,
    validTo: m.validTo,
  };
}
