import { defineEvent } from '../../event-definition.js';
import { isoDateSchema, optionalIsoDateSchema } from './places.v1.js';

export const MEMBERSHIP_TOPIC_V1 = 'registry.membership.v1';

/**
 * BACKOFFICE: operator of a Region / Provincia / agency on the units in scope (their territory); SUPEROPERATORE:
 * manages the operators (added with admin-verification, issue #11).
 */
export type MembershipRoleV1 = 'COB' | 'SARE' | 'IDO' | 'RAA' | 'ANAGRAFICA' | 'BACKOFFICE' | 'SUPEROPERATORE';

/** Who may act for an organisation, with which roles, where, and when. Keyed by the organisation's id. */
export interface MembershipV1 {
  membershipId: string;
  organizationId: string;
  organizationCodiceFiscale: string | null;
  /** The person (a citizen, who may not have logged in yet). */
  codiceFiscale: string;
  /** amministratore: the holder of the organisation, with every role; collaboratore: from the organigram. */
  kind: 'amministratore' | 'collaboratore';
  roles: MembershipRoleV1[];
  /** organization: the whole organisation; units: only the units in unitIds. */
  scope: 'organization' | 'units';
  unitIds: string[];
  /** YYYY-MM-DD. */
  validFrom: string;
  validTo: string | null;
}

const membershipSchema = {
  type: 'object',
  additionalProperties: true,
  required: [
    'membershipId',
    'organizationId',
    'organizationCodiceFiscale',
    'codiceFiscale',
    'kind',
    'roles',
    'scope',
    'unitIds',
    'validFrom',
    'validTo',
  ],
  properties: {
    membershipId: { type: 'string', format: 'uuid' },
    organizationId: { type: 'string', format: 'uuid' },
    organizationCodiceFiscale: { type: ['string', 'null'], pattern: '^([0-9]{11}|[A-Z0-9]{16})$' },
    codiceFiscale: { type: 'string', pattern: '^[A-Z0-9]{16}$' },
    kind: { enum: ['amministratore', 'collaboratore'] },
    roles: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: ['COB', 'SARE', 'IDO', 'RAA', 'ANAGRAFICA', 'BACKOFFICE', 'SUPEROPERATORE'] },
    },
    scope: { enum: ['organization', 'units'] },
    unitIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
    validFrom: isoDateSchema,
    validTo: optionalIsoDateSchema,
  },
};

export const MembershipGrantedV1 = defineEvent({
  type: 'membership.granted',
  topic: MEMBERSHIP_TOPIC_V1,
  version: 1,
  description:
    'A person may now act for the organisation: its amministratore (association) or a collaborator added to the ' +
    'organigram, with roles per service and a scope.',
  schema: membershipSchema,
});

export const MembershipChangedV1 = defineEvent({
  type: 'membership.changed',
  topic: MEMBERSHIP_TOPIC_V1,
  version: 1,
  description: 'The roles, scope or validity of a membership changed.',
  schema: membershipSchema,
});

export const MembershipRevokedV1 = defineEvent({
  type: 'membership.revoked',
  topic: MEMBERSHIP_TOPIC_V1,
  version: 1,
  description: 'A person may no longer act for the organisation (collaborator removed, association revoked).',
  schema: membershipSchema,
});
