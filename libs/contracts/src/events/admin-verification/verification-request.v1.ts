import { defineEvent } from '../../event-definition.js';
import { isoDateSchema } from '../registry/places.v1.js';

export const VERIFICATION_REQUEST_TOPIC_V1 = 'admin-verification.request.v1';

/** amministratore: nomination of an organisation's Amministratore; responsabile-unico: a PA's; raa: RAA profile. */
export type VerificationKindV1 = 'amministratore' | 'responsabile-unico' | 'raa';

export type VerificationStateV1 =
  'awaiting-pec' | 'pending' | 'taken' | 'integration-requested' | 'resubmitted' | 'approved' | 'rejected' | 'expired';

/** The person the request makes amministratore / Responsabile unico / RAA user. */
export interface VerificationPersonV1 {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  /** YYYY-MM-DD, when declared (not for the Responsabile unico). */
  dataNascita: string | null;
  /** Belfiore code of the comune or state of birth, when declared. */
  luogoNascita: string | null;
  /** Where the outcome mails go ("all'indirizzo mail indicato in fase di inserimento"). */
  email: string;
  pec: string | null;
}

/** The organisation concerned (the company, the PA); null for an RAA profile. */
export interface VerificationOrganizationV1 {
  /** null while a PA is not in the registry yet (the operator adds it before approving). */
  organizationId: string | null;
  codiceFiscale: string;
  ragioneSociale: string;
}

/**
 * Every admin-verification request event carries the request as it is after the step. Keyed by the request id.
 * Consumers: registry (on `verification-request.approved` it grants the role), notification (the applicant's mails).
 */
export interface VerificationRequestV1 {
  requestId: string;
  kind: VerificationKindV1;
  state: VerificationStateV1;
  /** Codice fiscale of the citizen who filed the request. */
  applicantCodiceFiscale: string;
  person: VerificationPersonV1;
  organization: VerificationOrganizationV1 | null;
  /** RAA: professione / ruolo. */
  professione: string | null;
  /** Territory whose operators handle it: Belfiore code of the comune and sigla of the provincia. */
  territory: { comune: string | null; provincia: string | null } | null;
  /** `verification-request.rejected`: the reason; `integration-requested`: what is missing. */
  reason: string | null;
  /** `integration-requested`: the last day to resubmit (YYYY-MM-DD). */
  integrationDueDate: string | null;
  /**
   * `pec-confirmation-requested` only: the one-time confirmation link to mail to the declared PEC. Nobody else
   * needs it; the service keeps only its hash.
   */
  pecConfirmationUrl?: string | null;
}

const text = { type: 'string', minLength: 1 };
const optionalText = { type: ['string', 'null'] };
const cf = { type: 'string', pattern: '^[A-Z0-9]{16}$' };

const requestSchema = {
  type: 'object',
  additionalProperties: true,
  required: [
    'requestId',
    'kind',
    'state',
    'applicantCodiceFiscale',
    'person',
    'organization',
    'professione',
    'territory',
    'reason',
    'integrationDueDate',
  ],
  properties: {
    requestId: { type: 'string', format: 'uuid' },
    kind: { enum: ['amministratore', 'responsabile-unico', 'raa'] },
    state: {
      enum: [
        'awaiting-pec',
        'pending',
        'taken',
        'integration-requested',
        'resubmitted',
        'approved',
        'rejected',
        'expired',
      ],
    },
    applicantCodiceFiscale: cf,
    person: {
      type: 'object',
      additionalProperties: true,
      required: ['codiceFiscale', 'nome', 'cognome', 'dataNascita', 'luogoNascita', 'email', 'pec'],
      properties: {
        codiceFiscale: cf,
        nome: text,
        cognome: text,
        dataNascita: { type: ['string', 'null'], pattern: isoDateSchema.pattern },
        luogoNascita: { type: ['string', 'null'], pattern: '^[A-Z]\\d{3}$' },
        email: text,
        pec: optionalText,
      },
    },
    organization: {
      type: ['object', 'null'],
      additionalProperties: true,
      required: ['organizationId', 'codiceFiscale', 'ragioneSociale'],
      properties: {
        organizationId: { type: ['string', 'null'], format: 'uuid' },
        codiceFiscale: { type: 'string', pattern: '^([0-9]{11}|[A-Z0-9]{16})$' },
        ragioneSociale: text,
      },
    },
    professione: optionalText,
    territory: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['comune', 'provincia'],
      properties: {
        comune: { type: ['string', 'null'], pattern: '^[A-Z]\\d{3}$' },
        provincia: { type: ['string', 'null'], pattern: '^[A-Z]{2}$' },
      },
    },
    reason: optionalText,
    integrationDueDate: { type: ['string', 'null'], pattern: isoDateSchema.pattern },
    pecConfirmationUrl: optionalText,
  },
};

const define = <T extends string>(type: T, description: string) =>
  defineEvent({ type, topic: VERIFICATION_REQUEST_TOPIC_V1, version: 1, description, schema: requestSchema });

export const VerificationRequestSubmittedV1 = define(
  'verification-request.submitted',
  'A request reached the operators\u2019 queue ("In attesa di abilitazione").',
);
export const VerificationRequestPecConfirmationRequestedV1 = define(
  'verification-request.pec-confirmation-requested',
  'An RAA request waits for the applicant to confirm the declared PEC through the link mailed to it.',
);
export const VerificationRequestUpdatedV1 = define(
  'verification-request.updated',
  'The applicant changed a request no operator has taken yet.',
);
export const VerificationRequestTakenV1 = define(
  'verification-request.taken',
  'An operator took the request in charge ("presa in carico").',
);
export const VerificationRequestApprovedV1 = define(
  'verification-request.approved',
  'Abilitato: registry grants the role (amministratore, Responsabile unico, RAA); the applicant is mailed.',
);
export const VerificationRequestRejectedV1 = define('verification-request.rejected', 'Respinto, with the reason.');
export const VerificationRequestIntegrationRequestedV1 = define(
  'verification-request.integration-requested',
  'Da integrare: what is missing and the last day to resubmit.',
);
export const VerificationRequestResubmittedV1 = define(
  'verification-request.resubmitted',
  'The applicant completed the request: back in the queue.',
);
export const VerificationRequestExpiredV1 = define(
  'verification-request.expired',
  'The integration (or the PEC confirmation) was not done in time: the request is closed.',
);
