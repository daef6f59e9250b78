import { defineEvent } from '../../event-definition.js';
import { type ComuneRefV1, comuneRefSchema, type StatoEsteroRefV1, statoEsteroRefSchema } from './places.v1.js';

export const ORGANIZATION_TOPIC_V1 = 'registry.organization.v1';

export type OrganizationKindV1 = 'azienda-italiana' | 'azienda-estera' | 'ente-operatore' | 'pubblica-amministrazione';

/** Data every organisation event carries: what SARE and COB need to know the legal person. */
export interface OrganizationV1 {
  organizationId: string;
  kind: OrganizationKindV1;
  /** Codice fiscale (11 digits, or 16 characters for a sole trader); null for a foreign company. */
  codiceFiscale: string | null;
  partitaIva: string | null;
  /** Foreign company: its identification code in its state, and the state. */
  codiceIdentificativo: string | null;
  statoEstero: StatoEsteroRefV1 | null;
  /** Ragione sociale / denominazione. */
  denominazione: string;
  formaGiuridica: string | null;
  /** Ente operatore: regione, provincia, agenzia-per-il-lavoro, patronato, ente-di-formazione, altro. */
  tipoEnte: string | null;
  /** ATECO section letter (A–U). */
  settoreEconomico: string | null;
  tipoAzienda: string | null;
  /** SARE accreditation types (tipi soggetto abilitato). */
  tipiSoggettoAbilitato: string[];
  sedeLegale: {
    indirizzo: string;
    cap: string | null;
    /** Italian sede: the comune with its Belfiore code; null abroad. */
    comune: ComuneRefV1 | null;
    /** Foreign sede: the city. */
    citta: string | null;
  };
  email: string | null;
  pec: string | null;
  telefono: string | null;
  /** Set on `organization.associated` and `organization.association-revoked`. */
  association?: {
    /** The citizen who holds (held) the organisation: its amministratore. */
    codiceFiscale: string;
    tipoSoggettoAbilitato: string | null;
    /** The signed declaration in document-store. */
    documentId: string | null;
  } | null;
}

const text = { type: 'string', minLength: 1 };
const optionalText = { type: ['string', 'null'] };

const organizationSchema = {
  type: 'object',
  additionalProperties: true,
  required: [
    'organizationId',
    'kind',
    'codiceFiscale',
    'partitaIva',
    'codiceIdentificativo',
    'statoEstero',
    'denominazione',
    'tipiSoggettoAbilitato',
    'sedeLegale',
  ],
  properties: {
    organizationId: { type: 'string', format: 'uuid' },
    kind: { enum: ['azienda-italiana', 'azienda-estera', 'ente-operatore', 'pubblica-amministrazione'] },
    codiceFiscale: { type: ['string', 'null'], pattern: '^([0-9]{11}|[A-Z0-9]{16})$' },
    partitaIva: { type: ['string', 'null'], pattern: '^[0-9]{11}$' },
    codiceIdentificativo: optionalText,
    statoEstero: { oneOf: [{ type: 'null' }, statoEsteroRefSchema] },
    denominazione: text,
    formaGiuridica: optionalText,
    tipoEnte: optionalText,
    settoreEconomico: { type: ['string', 'null'], pattern: '^[A-U]$' },
    tipoAzienda: optionalText,
    tipiSoggettoAbilitato: { type: 'array', items: text },
    sedeLegale: {
      type: 'object',
      additionalProperties: false,
      required: ['indirizzo', 'cap', 'comune', 'citta'],
      properties: {
        indirizzo: text,
        cap: optionalText,
        comune: { oneOf: [{ type: 'null' }, comuneRefSchema] },
        citta: optionalText,
      },
    },
    email: optionalText,
    pec: optionalText,
    telefono: optionalText,
    association: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['codiceFiscale', 'tipoSoggettoAbilitato', 'documentId'],
          properties: {
            codiceFiscale: { type: 'string', pattern: '^[A-Z0-9]{16}$' },
            tipoSoggettoAbilitato: optionalText,
            documentId: { type: ['string', 'null'], format: 'uuid' },
          },
        },
      ],
    },
  },
};

export const OrganizationRegisteredV1 = defineEvent({
  type: 'organization.registered',
  topic: ORGANIZATION_TOPIC_V1,
  version: 1,
  description:
    'A legal person was registered (azienda italiana or estera, ente operatore, pubblica amministrazione). Nobody ' +
    'holds it yet: it can now be associated.',
  schema: organizationSchema,
});

export const OrganizationUpdatedV1 = defineEvent({
  type: 'organization.updated',
  topic: ORGANIZATION_TOPIC_V1,
  version: 1,
  description: 'The data of an organisation (dati azienda, sede legale, tipi soggetto abilitato) changed.',
  schema: organizationSchema,
});

export const OrganizationAssociatedV1 = defineEvent({
  type: 'organization.associated',
  topic: ORGANIZATION_TOPIC_V1,
  version: 1,
  description:
    'A citizen associated the organisation with a signed declaration accepted by document-store: they are now its ' +
    'amministratore (see the membership.granted event of the same transaction).',
  schema: organizationSchema,
});

export const OrganizationAssociationRevokedV1 = defineEvent({
  type: 'organization.association-revoked',
  topic: ORGANIZATION_TOPIC_V1,
  version: 1,
  description: 'The amministratore revoked the association: the organisation stays, free to be associated again.',
  schema: organizationSchema,
});
