import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import type { IdentityEnv } from '../config/identity.env.js';
import type { SigningCredentials } from '../saml/index.js';

const KEY_FILE = 'sp-key.pem';
const CERT_FILE = 'sp-cert.pem';

/** A self-signed RSA-2048 certificate for the SP outside production (SPID federation needs an AgID-profiled one). */
function createSelfSigned(commonName: string): SigningCredentials {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = `01${randomBytes(9).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600_000);
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Profila - ambiente di sviluppo' },
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
 * The SP key pair: configured (files or inline PEM), or, outside production, generated once and kept under
 * IDENTITY_DATA_DIR so that the metadata the IdPs trust stays the same across restarts.
 */
export async function loadSpCredentials(env: IdentityEnv): Promise<SigningCredentials> {
  const privateKey = env.SP_PRIVATE_KEY ?? (env.SP_KEY_FILE ? await readFile(env.SP_KEY_FILE, 'utf8') : undefined);
  const certificate = env.SP_CERTIFICATE ?? (env.SP_CERT_FILE ? await readFile(env.SP_CERT_FILE, 'utf8') : undefined);
  if (privateKey && certificate) return { privateKey, certificate };
  if (env.NODE_ENV === 'production') throw new Error('SP key pair missing in production');
  const dir = env.IDENTITY_DATA_DIR;
  try {
    const [key, cert] = await Promise.all([
      readFile(join(dir, KEY_FILE), 'utf8'),
      readFile(join(dir, CERT_FILE), 'utf8'),
    ]);
    if (new Date(new X509Certificate(cert).validTo).getTime() > Date.now() + 24 * 3600_000) {
      return { privateKey: key, certificate: cert };
    }
  } catch {
    // first run or damaged files: generate below
  }
  const created = createSelfSigned('Profila SP (sviluppo)');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, KEY_FILE), created.privateKey, { mode: 0o600 });
  await writeFile(join(dir, CERT_FILE), created.certificate);
  return created;
}
