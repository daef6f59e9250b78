import { defineEvent } from '../../event-definition.js';
import { type ComuneRefV1, comuneRefSchema, isoDateSchema, optionalIsoDateSchema } from './places.v1.js';

export const UNIT_TOPIC_V1 = 'registry.unit.v1';

/** An unità operativa (sede, CPI) of an organisation. Keyed by the organisation's id. */
export interface UnitV1 {
  unitId: string;
  organizationId: string;
  /** The organisation's codice fiscale (null for a foreign company). */
  organizationCodiceFiscale: string | null;
  descrizione: string;
  indirizzo: { indirizzo: string; cap: string | null; comune: ComuneRefV1 };
  /** YYYY-MM-DD. */
  validFrom: string;
  validTo: string | null;
  /** Regions, province, PA: the comuni (Belfiore codes) and province (sigle) the unit serves. */
  comuniServiti: string[];
  provinceServite: string[];
}

const unitSchema = {
  type: 'object',
  additionalProperties: true,
  required: [
    'unitId',
    'organizationId',
    'organizationCodiceFiscale',
    'descrizione',
    'indirizzo',
    'validFrom',
    'validTo',
    'comuniServiti',
    'provinceServite',
  ],
  properties: {
    unitId: { type: 'string', format: 'uuid' },
    organizationId: { type: 'string', format: 'uuid' },
    organizationCodiceFiscale: { type: ['string', 'null'], pattern: '^([0-9]{11}|[A-Z0-9]{16})$' },
    descrizione: { type: 'string', minLength: 1 },
    indirizzo: {
      type: 'object',
      additionalProperties: false,
      required: ['indirizzo', 'cap', 'comune'],
      properties: {
        indirizzo: { type: 'string', minLength: 1 },
        cap: { type: ['string', 'null'], pattern: '^\\d{5}$' },
        comune: comuneRefSchema,
      },
    },
    validFrom: isoDateSchema,
    validTo: optionalIsoDateSchema,
    comuniServiti: { type: 'array', items: { type: 'string', pattern: '^[A-Z]\\d{3}$' } },
    provinceServite: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
  },
};

export const UnitCreatedV1 = defineEvent({
  type: 'unit.created',
  topic: UNIT_TOPIC_V1,
  version: 1,
  description: 'An unità operativa was added to an organisation.',
  schema: unitSchema,
});

export const UnitUpdatedV1 = defineEvent({
  type: 'unit.updated',
  topic: UNIT_TOPIC_V1,
  version: 1,
  description: 'An unità operativa changed (description, address, validity, territory served).',
  schema: unitSchema,
});

export const UnitDeletedV1 = defineEvent({
  type: 'unit.deleted',
  topic: UNIT_TOPIC_V1,
  version: 1,
  description: 'An unità operativa was removed; the memberships scoped to it no longer cover it.',
  schema: unitSchema,
});
