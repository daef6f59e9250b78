import { defineEvent } from '../../event-definition.js';

export const CITIZEN_TOPIC_V1 = 'identity.citizen.v1';

/** Data every citizen event carries: the citizen's identity as the identity provider asserted it. */
export interface CitizenV1 {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  email: string | null;
  /** How the account came to be: first SPID/CIE/CPS login, or a legacy migration. */
  source: 'spid' | 'cie' | 'cps' | 'migration' | 'dev';
  /** Optional anagrafica (added in v1 as optional fields): null when unknown. Dates are YYYY-MM-DD. */
  sesso?: 'M' | 'F' | null;
  dataNascita?: string | null;
  luogoNascita?: string | null;
  provinciaNascita?: string | null;
  cellulare?: string | null;
  /** Edited by the citizen (or the IdP's domicilio digitale at the first login). */
  pec?: string | null;
  cittadinanza?: string | null;
  telefono?: string | null;
  fax?: string | null;
  titoloStudio?: string | null;
}

const optionalText = { type: ['string', 'null'] };

const citizenSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['codiceFiscale', 'nome', 'cognome', 'email', 'source'],
  properties: {
    codiceFiscale: { type: 'string', pattern: '^[A-Z0-9]{16}$' },
    nome: { type: 'string', minLength: 1 },
    cognome: { type: 'string', minLength: 1 },
    email: { type: ['string', 'null'] },
    source: { enum: ['spid', 'cie', 'cps', 'migration', 'dev'] },
    sesso: { enum: ['M', 'F', null] },
    dataNascita: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    luogoNascita: optionalText,
    provinciaNascita: optionalText,
    cellulare: optionalText,
    pec: optionalText,
    cittadinanza: optionalText,
    telefono: optionalText,
    fax: optionalText,
    titoloStudio: optionalText,
  },
};

export const CitizenRegisteredV1 = defineEvent({
  type: 'citizen.registered',
  topic: CITIZEN_TOPIC_V1,
  version: 1,
  description: 'A citizen account was created (first login or migration). From now on the citizen can receive deleghe.',
  schema: citizenSchema,
});

export const CitizenUpdatedV1 = defineEvent({
  type: 'citizen.updated',
  topic: CITIZEN_TOPIC_V1,
  version: 1,
  description: "A citizen's anagrafica changed (new data from the identity provider or edited by the citizen).",
  schema: citizenSchema,
});
