import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A test identity offered on the login page. */
export interface DevCitizen {
  id: string;
  fiscalNumber: string;
  name: string;
  familyName: string;
  gender: 'M' | 'F';
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

// The JSON is the canonical list (libs/testing reads it too). The build only transpiles TypeScript, so from
// dist/apps/dev-idp/citizens/ the file is found in the source tree, which the Docker image keeps at the same place.
const CANDIDATES = [
  new URL('./test-citizens.json', import.meta.url),
  new URL('../../../../apps/dev-idp/src/citizens/test-citizens.json', import.meta.url),
];

export function loadDevCitizens(file?: string): DevCitizen[] {
  const path = file ?? CANDIDATES.map((u) => fileURLToPath(u)).find((p) => existsSync(p));
  if (!path) throw new Error('test-citizens.json not found');
  return JSON.parse(readFileSync(path, 'utf8')) as DevCitizen[];
}

/** The SPID attributes an IdP would release for the citizen. */
export function spidAttributes(citizen: DevCitizen): Record<string, string> {
  const attributes: Record<string, string> = {
    spidCode: citizen.spidCode,
    name: citizen.name,
    familyName: citizen.familyName,
    fiscalNumber: `TINIT-${citizen.fiscalNumber}`,
    gender: citizen.gender,
    dateOfBirth: citizen.dateOfBirth,
    placeOfBirth: citizen.placeOfBirth,
    countyOfBirth: citizen.countyOfBirth,
    email: citizen.email,
    mobilePhone: citizen.mobilePhone,
    address: citizen.address,
    idCard: citizen.idCard,
  };
  if (citizen.digitalAddress) attributes.digitalAddress = citizen.digitalAddress;
  return attributes;
}
