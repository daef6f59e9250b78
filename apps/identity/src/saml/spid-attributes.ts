/** SPID attribute names (AgID "Tabella attributi") and their normalisation into the citizen's data. */
export const SPID_ATTRIBUTES = [
  'spidCode',
  'name',
  'familyName',
  'placeOfBirth',
  'countyOfBirth',
  'dateOfBirth',
  'gender',
  'companyName',
  'registeredOffice',
  'fiscalNumber',
  'ivaCode',
  'idCard',
  'expirationDate',
  'mobilePhone',
  'email',
  'address',
  'digitalAddress',
  'domicileStreetAddress',
  'domicilePostalCode',
  'domicileMunicipality',
  'domicileProvince',
  'domicileNation',
] as const;
export type SpidAttributeName = (typeof SPID_ATTRIBUTES)[number];

/** What Profila asks the IdP for (AttributeConsumingService index 0): the anagrafica of DESIGN.md, nothing more. */
export const DEFAULT_REQUESTED_ATTRIBUTES: readonly SpidAttributeName[] = [
  'spidCode',
  'name',
  'familyName',
  'fiscalNumber',
  'email',
  'mobilePhone',
  'dateOfBirth',
  'placeOfBirth',
  'gender',
  'address',
  'idCard',
  'digitalAddress',
];

/** The citizen as the IdP describes them. Only `fiscalNumber` is guaranteed. */
export interface CitizenAttributes {
  /** Codice fiscale, upper case, without the `TINIT-` prefix. */
  fiscalNumber: string;
  spidCode?: string;
  name?: string;
  familyName?: string;
  /** YYYY-MM-DD */
  dateOfBirth?: string;
  /** As the IdP sends it (a comune or its codice catastale). */
  placeOfBirth?: string;
  countyOfBirth?: string;
  gender?: 'M' | 'F';
  email?: string;
  mobilePhone?: string;
  address?: string;
  /** PEC (domicilio digitale). */
  digitalAddress?: string;
  idCard?: string;
  expirationDate?: string;
  /** Every attribute received, by name, as sent. */
  raw: Record<string, string | string[]>;
}

/** Codice fiscale shape: 16 characters (with omocodia letters in the digit positions) or the 11-digit temporary one. */
const CF_SHAPE = /^(?:[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]|\d{11})$/;

/** `TINIT-RSSMRA80A01H501U` → `RSSMRA80A01H501U`; undefined when it is not an Italian tax code. */
export function normaliseFiscalNumber(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^TINIT-(.+)$/i.exec(value.trim());
  if (!match) return undefined;
  const cf = match[1].trim().toUpperCase();
  return CF_SHAPE.test(cf) ? cf : undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  const trimmed = v?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Builds the citizen's attributes from the assertion's raw attributes. Returns undefined when `fiscalNumber` is missing
 * or malformed: Profila keys every account by codice fiscale.
 */
export function toCitizenAttributes(raw: Record<string, string | string[]>): CitizenAttributes | undefined {
  const fiscalNumber = normaliseFiscalNumber(single(raw.fiscalNumber));
  if (!fiscalNumber) return undefined;
  const gender = single(raw.gender)?.toUpperCase();
  const citizen: CitizenAttributes = { fiscalNumber, raw };
  const copy = [
    'spidCode',
    'name',
    'familyName',
    'dateOfBirth',
    'placeOfBirth',
    'countyOfBirth',
    'email',
    'mobilePhone',
    'address',
    'digitalAddress',
    'idCard',
    'expirationDate',
  ] as const;
  for (const key of copy) {
    const value = single(raw[key]);
    if (value !== undefined) citizen[key] = value;
  }
  if (gender === 'M' || gender === 'F') citizen.gender = gender;
  return citizen;
}
