import { defineEvent } from '../../event-definition.js';
import { isoDateSchema } from '../registry/places.v1.js';

export const RAA_REQUEST_TOPIC_V1 = 'raa.request.v1';

export type RaaRequestStateV1 = 'INVIATA' | 'EVASA' | 'RESPINTA';

/**
 * A richiesta di accesso agli atti once it leaves the draft: sent ("Invia e protocolla"), answered (EVASA) or refused
 * (RESPINTA). It never carries the workers' codici fiscali nor their employment situation: those stay in raa, read
 * only by the requester and the officers of the territory. Keyed by the request id. Consumer: notification (the
 * officers' mail on submission, the requester's on the answer or the refusal).
 */
export interface RaaRequestV1 {
  requestId: string;
  state: RaaRequestStateV1;
  /** The lawyer / authorised body who filed it, with the e-mail declared in the RAA registration. */
  requester: { codiceFiscale: string; nome: string; cognome: string; email: string | null };
  /** Sigla of the Provincia the request is addressed to: its officers handle it. */
  provincia: string;
  /** "0001/2026": progressive number of the year and year. */
  protocollo: string;
  /** YYYY-MM-DD (Europe/Rome). */
  dataProtocollo: string;
  workerCount: number;
  /** `raa-request.submitted`: codici fiscali of the officers of the territory at the time of sending. */
  officers: string[];
  /** `raa-request.refused`: the reason. */
  reason: string | null;
}

const cf = { type: 'string', pattern: '^[A-Z0-9]{16}$' };

const schema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'requestId',
    'state',
    'requester',
    'provincia',
    'protocollo',
    'dataProtocollo',
    'workerCount',
    'officers',
    'reason',
  ],
  properties: {
    requestId: { type: 'string', format: 'uuid' },
    state: { enum: ['INVIATA', 'EVASA', 'RESPINTA'] },
    requester: {
      type: 'object',
      additionalProperties: false,
      required: ['codiceFiscale', 'nome', 'cognome', 'email'],
      properties: {
        codiceFiscale: cf,
        nome: { type: 'string', minLength: 1 },
        cognome: { type: 'string', minLength: 1 },
        email: { type: ['string', 'null'] },
      },
    },
    provincia: { type: 'string', pattern: '^[A-Z]{2}$' },
    protocollo: { type: 'string', pattern: '^\\d{4,}/\\d{4}$' },
    dataProtocollo: isoDateSchema,
    workerCount: { type: 'integer', minimum: 0 },
    officers: { type: 'array', items: cf },
    reason: { type: ['string', 'null'] },
  },
};

const define = <T extends string>(type: T, description: string) =>
  defineEvent({ type, topic: RAA_REQUEST_TOPIC_V1, version: 1, description, schema });

export const RaaRequestSubmittedV1 = define(
  'raa-request.submitted',
  '"Invia e protocolla": the request is INVIATA with its protocol number; the officers of the territory are mailed.',
);
export const RaaRequestAnsweredV1 = define(
  'raa-request.answered',
  'EVASA: the officer answered; the requester can see the workers\u2019 employment situation.',
);
export const RaaRequestRefusedV1 = define('raa-request.refused', 'RESPINTA, with the reason.');
