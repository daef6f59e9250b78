import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import type { Credentials } from '../saml/xml.js';

const KEY_FILE = 'idp-key.pem';
const CERT_FILE = 'idp-cert.pem';

/** A self-signed RSA-2048 certificate for the dev IdP (10 years: it only has to outlive a laptop). */
export function createIdpCredentials(commonName: string): Credentials {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = `01${randomBytes(9).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600_000);
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Profila - ambiente di prova' },
    { name: 'countryName', value: 'IT' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { privateKey, certificate: forge.pki.certificateToPem(cert) };
}

/**
 * Loads the key pair from `dir`, or creates and stores it on first run, so that the IdP metadata the SP trusts stays
 * the same across restarts. An unreadable or expired pair is replaced.
 */
export async function loadOrCreateIdpCredentials(
  dir: string,
  commonName = 'Profila Dev IdP (non SPID reale)',
): Promise<Credentials> {
  try {
    const [privateKey, certificate] = await Promise.all([
      readFile(join(dir, KEY_FILE), 'utf8'),
      readFile(join(dir, CERT_FILE), 'utf8'),
    ]);
    const cert = new X509Certificate(certificate);
    if (new Date(cert.validTo).getTime() > Date.now() + 24 * 3600_000) return { privateKey, certificate };
  } catch {
    // first run, or damaged files: create a new pair below
  }
  const credentials = createIdpCredentials(commonName);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, KEY_FILE), credentials.privateKey, { mode: 0o600 });
  await writeFile(join(dir, CERT_FILE), credentials.certificate);
  return credentials;
}
