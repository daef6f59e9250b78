import { defineEvent } from '../../event-definition.js';
import { isoDateSchema } from '../registry/places.v1.js';

/** Published by the COB system (comunicazioni obbligatorie), not by Profila: raa keeps its read model from it. */
export const COB_EMPLOYMENT_TOPIC_V1 = 'cob.employment.v1';

export type CobCommunicationKindV1 = 'assunzione' | 'proroga' | 'trasformazione' | 'cessazione';

/**
 * One comunicazione obbligatoria about an employment relationship, carrying the relationship as it is after it.
 * Keyed by the relationship id: a later communication (proroga, trasformazione, cessazione) replaces the earlier one.
 */
export interface EmploymentV1 {
  /** The COB communication (idempotency). */
  communicationId: string;
  /** The employment relationship the communication is about (stable across its communications). */
  relationshipId: string;
  tipoComunicazione: CobCommunicationKindV1;
  lavoratore: { codiceFiscale: string };
  datoreDiLavoro: { codiceFiscale: string; ragioneSociale: string };
  /** YYYY-MM-DD. */
  dataInizio: string;
  /** YYYY-MM-DD: the planned end of a fixed-term contract, or the day it ceased; null when open-ended. */
  dataFine: string | null;
  /** Tipologia contrattuale as COB names it, e.g. "Lavoro a tempo indeterminato". */
  tipologiaContrattuale: string;
}

const schema = {
  type: 'object',
  additionalProperties: true,
  required: [
    'communicationId',
    'relationshipId',
    'tipoComunicazione',
    'lavoratore',
    'datoreDiLavoro',
    'dataInizio',
    'dataFine',
    'tipologiaContrattuale',
  ],
  properties: {
    communicationId: { type: 'string', minLength: 1, maxLength: 100 },
    relationshipId: { type: 'string', minLength: 1, maxLength: 100 },
    tipoComunicazione: { enum: ['assunzione', 'proroga', 'trasformazione', 'cessazione'] },
    lavoratore: {
      type: 'object',
      additionalProperties: true,
      required: ['codiceFiscale'],
      properties: { codiceFiscale: { type: 'string', pattern: '^[A-Z0-9]{16}$' } },
    },
    datoreDiLavoro: {
      type: 'object',
      additionalProperties: true,
      required: ['codiceFiscale', 'ragioneSociale'],
      properties: {
        codiceFiscale: { type: 'string', pattern: '^([0-9]{11}|[A-Z0-9]{16})$' },
        ragioneSociale: { type: 'string', minLength: 1 },
      },
    },
    dataInizio: isoDateSchema,
    dataFine: { type: ['string', 'null'], pattern: isoDateSchema.pattern },
    tipologiaContrattuale: { type: 'string', minLength: 1 },
  },
};

export const EmploymentCommunicatedV1 = defineEvent({
  type: 'employment.communicated',
  topic: COB_EMPLOYMENT_TOPIC_V1,
  version: 1,
  description:
    'A comunicazione obbligatoria (assunzione, proroga, trasformazione, cessazione) from COB: the employment ' +
    'relationship as it is after it. Consumer: raa (the employment records of the richieste di accesso agli atti).',
  schema,
});
