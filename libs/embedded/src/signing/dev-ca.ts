/**
 * The development CA of an embedded installation: generated once per data directory (certificate and key under
 * `<data>/dev-ca/`, the key readable by its owner only), trusted by the embedded document-store through
 * TRUST_LIST_FILE, and used by `npm run dev:sign` (and the browser tests) to sign a downloaded declaration as a test
 * citizen. Never used outside the embedded run mode: everything here refuses to run with NODE_ENV=production.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testCitizens } from '../citizens/test-citizens.js';
import { createTestCa, issueSignerCertificate, signCades, signPades, type TestCa, type TestSigner } from './pki.js';

export interface DevCaFiles {
  /** PEM certificate: what document-store's TRUST_LIST_FILE points at. */
  certificate: string;
  /** PKCS#8 PEM private key, mode 0600. */
  key: string;
}

export type DevSignatureFormat = 'pades' | 'cades';

export function devCaFiles(dataDir: string): DevCaFiles {
  return { certificate: join(dataDir, 'dev-ca', 'dev-ca.pem'), key: join(dataDir, 'dev-ca', 'dev-ca.key.pem') };
}

export function assertNotProduction(what = 'The development CA'): void {
  if (process.env.NODE_ENV === 'production')
    throw new Error(`${what} is for the embedded mode only (NODE_ENV=production)`);
}

/** The CA of this data directory, created on first use. */
export function loadOrCreateDevCa(dataDir: string): TestCa {
  assertNotProduction();
  const files = devCaFiles(dataDir);
  if (existsSync(files.certificate) && existsSync(files.key)) {
    const pem = readFileSync(files.certificate, 'utf8');
    return {
      pem,
      der: new Uint8Array(new X509Certificate(pem).raw),
      privateKey: createPrivateKey(readFileSync(files.key, 'utf8')),
      chain: [],
    };
  }
  const ca = createTestCa({
    organization: 'Profila sviluppo (non valida)',
    commonName: 'Profila Development CA - solo modalità embedded',
  });
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(join(dataDir, 'dev-ca'))) mkdirSync(join(dataDir, 'dev-ca'), { mode: 0o700 });
  writeFileSync(files.key, ca.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  chmodSync(files.key, 0o600);
  writeFileSync(files.certificate, ca.pem, { mode: 0o644 });
  return ca;
}

/** A signature certificate for `codiceFiscale`, issued by the dev CA; names from the test citizens when known. */
export function devSigner(ca: TestCa, codiceFiscale: string): TestSigner {
  assertNotProduction();
  const cf = codiceFiscale.trim().toUpperCase();
  const citizen = testCitizens().find((c) => c.fiscalNumber === cf);
  return issueSignerCertificate(ca, {
    givenName: citizen?.name ?? 'Cittadino',
    surname: citizen?.familyName ?? 'Di Prova',
    codiceFiscale: cf,
  });
}

/** Signs a PDF as `codiceFiscale` with the dev CA of `dataDir`: PAdES (a signed PDF) or CAdES (a `.p7m` envelope). */
export async function devSign(
  dataDir: string,
  pdf: Uint8Array,
  codiceFiscale: string,
  format: DevSignatureFormat = 'pades',
): Promise<Uint8Array> {
  const signer = devSigner(loadOrCreateDevCa(dataDir), codiceFiscale);
  return format === 'cades' ? signCades(pdf, signer) : signPades(pdf, signer);
}
