/** Places as the registry events carry them: the Belfiore code SARE and COB identify a comune or state by. */
export interface ComuneRefV1 {
  /** Codice catastale (Belfiore), e.g. `L378`. */
  codiceBelfiore: string;
  nome: string;
  /** Sigla della provincia, e.g. `TN`. */
  provincia: string;
}

export interface StatoEsteroRefV1 {
  /** `Z` + 3 digits, e.g. `Z112`. */
  codiceBelfiore: string;
  nome: string;
}

export const comuneRefSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['codiceBelfiore', 'nome', 'provincia'],
  properties: {
    codiceBelfiore: { type: 'string', pattern: '^[A-Z]\\d{3}$' },
    nome: { type: 'string', minLength: 1 },
    provincia: { type: 'string', pattern: '^[A-Z]{2}$' },
  },
};

export const statoEsteroRefSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['codiceBelfiore', 'nome'],
  properties: {
    codiceBelfiore: { type: 'string', pattern: '^Z\\d{3}$' },
    nome: { type: 'string', minLength: 1 },
  },
};

export const isoDateSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
export const optionalIsoDateSchema = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
