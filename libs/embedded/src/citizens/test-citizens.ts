import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A test citizen of the dev IdP: realistic anagrafica with a valid codice fiscale. */
export interface TestCitizen {
  id: string;
  fiscalNumber: string;
  name: string;
  familyName: string;
  gender: 'M' | 'F';
  /** YYYY-MM-DD */
  dateOfBirth: string;
  placeOfBirth: string;
  countyOfBirth: string;
  codiceCatastale: string;
  email: string;
  mobilePhone: string;
  address: string;
  idCard: string;
  spidCode: string;
  digitalAddress?: string;
  note?: string;
}

/**
 * The one list of test citizens: the dev IdP offers them on its login page and the tests log in as them.
 * The JSON sits next to this module in src/ and in dist/ (the build copies it), so it is found from both.
 */
export const TEST_CITIZENS_FILE = fileURLToPath(new URL('./test-citizens.json', import.meta.url));

let cache: readonly TestCitizen[] | undefined;

/** Every test citizen (at least ten, one with omocodia, one born abroad). */
export function testCitizens(): readonly TestCitizen[] {
  cache ??= Object.freeze(JSON.parse(readFileSync(TEST_CITIZENS_FILE, 'utf8')) as TestCitizen[]);
  return cache;
}

/** A test citizen by id (`mario-rossi`) or codice fiscale. */
export function testCitizen(idOrFiscalNumber: string): TestCitizen {
  const found = testCitizens().find((c) => c.id === idOrFiscalNumber || c.fiscalNumber === idOrFiscalNumber);
  if (!found) throw new Error(`No test citizen ${idOrFiscalNumber}`);
  return found;
}

/** The SPID attributes an IdP releases for a test citizen (fiscalNumber as `TINIT-<CF>`). */
export function spidAttributesOf(citizen: TestCitizen): Record<string, string> {
  const attributes: Record<string, string> = {
    spidCode: citizen.spidCode,
    name: citizen.name,
    familyName: citizen.familyName,
    fiscalNumber: `TINIT-${citizen.fiscalNumber}`,
    email: citizen.email,
    mobilePhone: citizen.mobilePhone,
    dateOfBirth: citizen.dateOfBirth,
    placeOfBirth: citizen.placeOfBirth,
    countyOfBirth: citizen.countyOfBirth,
    gender: citizen.gender,
    address: citizen.address,
    idCard: citizen.idCard,
  };
  if (citizen.digitalAddress) attributes.digitalAddress = citizen.digitalAddress;
  return attributes;
}
