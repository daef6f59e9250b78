import { defineEvent } from '../../event-definition.js';

export const ACCESS_TOPIC_V1 = 'delegation.access.v1';

/** What a grant comes from: the holder of the organisation, an organigram role, or an accepted delega. */
export type AccessGrantSourceV1 = 'amministratore' | 'collaboratore' | 'delega';

/**
 * One grant of the access-rights read model: a citizen may act for an organisation with these permissions, on
 * this scope, in this window. Keyed by the organisation's id (SARE / COB read who may act for whom).
 */
export interface AccessGrantV1 {
  grantId: string;
  source: AccessGrantSourceV1;
  /** The membership's or the delega's id. */
  sourceId: string;
  codiceFiscale: string;
  organizationId: string;
  organizationCodiceFiscale: string | null;
  /** Permissions per service: COB, SARE, IDO, RAA, ANAGRAFICA. */
  permissions: string[];
  scope: 'organization' | 'units';
  unitIds: string[];
  /** Instants (ISO 8601): from 00:00 Europe/Rome of the first day to 00:00 after the last day; null = open. */
  validFrom: string;
  validTo: string | null;
}

const accessSchema = {
  type: 'object',
  additionalProperties: true,
  required: [
    'grantId',
    'source',
    'sourceId',
    'codiceFiscale',
    'organizationId',
    'organizationCodiceFiscale',
    'permissions',
    'scope',
    'unitIds',
    'validFrom',
    'validTo',
  ],
  properties: {
    grantId: { type: 'string', format: 'uuid' },
    source: { enum: ['amministratore', 'collaboratore', 'delega'] },
    sourceId: { type: 'string', minLength: 1 },
    codiceFiscale: { type: 'string', pattern: '^[A-Z0-9]{16}$' },
    organizationId: { type: 'string', format: 'uuid' },
    organizationCodiceFiscale: { type: ['string', 'null'] },
    permissions: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 } },
    scope: { enum: ['organization', 'units'] },
    unitIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
    validFrom: { type: 'string', format: 'date-time' },
    validTo: { type: ['string', 'null'], format: 'date-time' },
  },
};

export const AccessGrantedV1 = defineEvent({
  type: 'access.granted',
  topic: ACCESS_TOPIC_V1,
  version: 1,
  description:
    'A citizen may act for an organisation (new or changed grant: amministratore, organigram role, accepted delega), ' +
    'with permissions, scope and validity window (possibly starting in the future).',
  schema: accessSchema,
});

export const AccessRevokedV1 = defineEvent({
  type: 'access.revoked',
  topic: ACCESS_TOPIC_V1,
  version: 1,
  description: 'A grant ended before its time (delega revoked, membership removed, association revoked): at once.',
  schema: accessSchema,
});

export const AccessExpiredV1 = defineEvent({
  type: 'access.expired',
  topic: ACCESS_TOPIC_V1,
  version: 1,
  description: 'A grant reached the end of its validity window.',
  schema: accessSchema,
});
