import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';

/** A PEM private key and its PEM certificate (XML-DSig signing for SAML). */
export interface SigningCredentials {
  privateKey: string;
  certificate: string;
}

export interface SelfSignedOptions {
  commonName: string;
  organizationName?: string;
  /** Validity from yesterday, in days. */
  days?: number;
}

/**
 * A fresh RSA-2048 key and a self-signed certificate: the SP outside production, the dev IdP and test IdPs.
 * (The SPID federation needs an AgID-profiled certificate in production.)
 */
export function createSelfSignedCredentials(options: SelfSignedOptions): SigningCredentials {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = `01${randomBytes(9).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + (options.days ?? 365) * 24 * 3600_000);
  const subject = [
    { name: 'commonName', value: options.commonName },
    { name: 'organizationName', value: options.organizationName ?? 'Profila' },
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
 * Loads `<dir>/<name>-key.pem` and `<dir>/<name>-cert.pem`, or creates and stores a self-signed pair on first run, so
 * that the metadata the other side trusts stays the same across restarts. A damaged pair, or one that expires within
 * a day, is replaced.
 */
export async function loadOrCreateSelfSignedCredentials(
  dir: string,
  name: string,
  options: SelfSignedOptions,
): Promise<SigningCredentials> {
  const keyFile = join(dir, `${name}-key.pem`);
  const certFile = join(dir, `${name}-cert.pem`);
  try {
    const [privateKey, certificate] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
    if (new Date(new X509Certificate(certificate).validTo).getTime() > Date.now() + 24 * 3600_000) {
      return { privateKey, certificate };
    }
  } catch {
    // first run, or damaged files: create a new pair below
  }
  const created = createSelfSignedCredentials(options);
  await mkdir(dir, { recursive: true });
  await writeFile(keyFile, created.privateKey, { mode: 0o600 });
  await writeFile(certFile, created.certificate);
  return created;
}
