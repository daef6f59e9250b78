import { defineEvent } from '../../event-definition.js';

export const DELEGATION_TOPIC_V1 = 'delegation.delegation.v1';

/** Kind of a request on a delega ("Tipo delega"). */
export type DelegationRequestKindV1 = 'INSERIMENTO' | 'MODIFICA' | 'REVOCA';

/** State of the delega itself. */
export type DelegationStatusV1 = 'IN_ATTESA' | 'ACCETTATA' | 'RIFIUTATA' | 'REVOCATA' | 'SCADUTA';

export interface DelegationPersonV1 {
  codiceFiscale: string;
  nome: string;
  cognome: string;
}

/**
 * A delega from a citizen who holds an organisation to another citizen, as every delegation event carries it.
 * Keyed by the delega's id, so that one delega's events stay in order.
 */
export interface DelegationV1 {
  delegationId: string;
  /** The request the event is about ("Id richiesta"). */
  requestId: number;
  requestKind: DelegationRequestKindV1;
  status: DelegationStatusV1;
  delegator: DelegationPersonV1;
  delegate: DelegationPersonV1;
  organization: { organizationId: string; codiceFiscale: string | null; denominazione: string };
  tipoSoggettoAbilitato: string | null;
  /** The terms in force (YYYY-MM-DD, calendar days in Europe/Rome). */
  dataInizio: string;
  dataScadenza: string;
  /** delegation.modified: the new dates the delegate is asked to accept (the terms above hold meanwhile). */
  proposed?: { dataInizio: string; dataScadenza: string } | null;
  /** delegation.refused: the delegate's reason. */
  reason?: string | null;
  /** delegation.revoked: who revoked (the delegator or the organisation's amministratore). */
  revokedBy?: string | null;
  /** delegation.expiring: whole days left until the end of dataScadenza. */
  daysLeft?: number | null;
}

const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const cf = { type: 'string', pattern: '^[A-Z0-9]{16}$' };
const person = {
  type: 'object',
  additionalProperties: false,
  required: ['codiceFiscale', 'nome', 'cognome'],
  properties: { codiceFiscale: cf, nome: { type: 'string' }, cognome: { type: 'string' } },
};

const delegationSchema = {
  type: 'object',
  additionalProperties: true,
  required: [
    'delegationId',
    'requestId',
    'requestKind',
    'status',
    'delegator',
    'delegate',
    'organization',
    'tipoSoggettoAbilitato',
    'dataInizio',
    'dataScadenza',
  ],
  properties: {
    delegationId: { type: 'string', format: 'uuid' },
    requestId: { type: 'integer', minimum: 1 },
    requestKind: { enum: ['INSERIMENTO', 'MODIFICA', 'REVOCA'] },
    status: { enum: ['IN_ATTESA', 'ACCETTATA', 'RIFIUTATA', 'REVOCATA', 'SCADUTA'] },
    delegator: person,
    delegate: person,
    organization: {
      type: 'object',
      additionalProperties: false,
      required: ['organizationId', 'codiceFiscale', 'denominazione'],
      properties: {
        organizationId: { type: 'string', format: 'uuid' },
        codiceFiscale: { type: ['string', 'null'] },
        denominazione: { type: 'string', minLength: 1 },
      },
    },
    tipoSoggettoAbilitato: { type: ['string', 'null'] },
    dataInizio: isoDate,
    dataScadenza: isoDate,
    proposed: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['dataInizio', 'dataScadenza'],
          properties: { dataInizio: isoDate, dataScadenza: isoDate },
        },
      ],
    },
    reason: { type: ['string', 'null'] },
    revokedBy: { type: ['string', 'null'] },
    daysLeft: { type: ['integer', 'null'], minimum: 0 },
  },
};

export const DelegationRequestedV1 = defineEvent({
  type: 'delegation.requested',
  topic: DELEGATION_TOPIC_V1,
  version: 1,
  description: 'A citizen who holds an organisation delegated another citizen (Inserimento): it awaits the delegate.',
  schema: delegationSchema,
});

export const DelegationAcceptedV1 = defineEvent({
  type: 'delegation.accepted',
  topic: DELEGATION_TOPIC_V1,
  version: 1,
  description:
    'The delegate accepted a request (Inserimento: the delega is now in force from dataInizio; Modifica: the new ' +
    'dates replace the old ones).',
  schema: delegationSchema,
});

export const DelegationRefusedV1 = defineEvent({
  type: 'delegation.refused',
  topic: DELEGATION_TOPIC_V1,
  version: 1,
  description:
    'The delegate refused a request, with a reason (Inserimento: the delega never takes effect; Modifica: the old ' +
    'terms stay).',
  schema: delegationSchema,
});

export const DelegationModifiedV1 = defineEvent({
  type: 'delegation.modified',
  topic: DELEGATION_TOPIC_V1,
  version: 1,
  description: 'The delegator asked for new dates (Modifica, in `proposed`): the delegate accepts or refuses them.',
  schema: delegationSchema,
});

export const DelegationRevokedV1 = defineEvent({
  type: 'delegation.revoked',
  topic: DELEGATION_TOPIC_V1,
  version: 1,
  description: 'The delega was revoked (Revoca) by the delegator or the organisation’s amministratore: at once.',
  schema: delegationSchema,
});

export const DelegationExpiringV1 = defineEvent({
  type: 'delegation.expiring',
  topic: DELEGATION_TOPIC_V1,
  version: 1,
  description: 'An accepted delega ends in `daysLeft` days (the notice sent a configurable number of days before).',
  schema: delegationSchema,
});

export const DelegationExpiredV1 = defineEvent({
  type: 'delegation.expired',
  topic: DELEGATION_TOPIC_V1,
  version: 1,
  description: 'The delega reached the end of dataScadenza (or its start passed while still awaiting the delegate).',
  schema: delegationSchema,
});
