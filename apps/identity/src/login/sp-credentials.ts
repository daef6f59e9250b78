import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type IdentityEnv, spUrls } from '../config/identity.env.js';
import { createSpCertificate, type SigningCredentials, type SpCertificateProfile } from '../saml/index.js';

/** The SPID certificate profile (Avviso n.29 v3) of this SP, from the SP_* settings. */
export function spCertificateProfile(env: IdentityEnv): SpCertificateProfile {
  return {
    sector: env.SP_CONTACT_TYPE,
    commonName: env.SP_SERVICE_NAME,
    organizationName: env.SP_ORG_NAME,
    ipaCode: env.SP_IPA_CODE,
    vatNumber: env.SP_VAT_NUMBER,
    fiscalCode: env.SP_FISCAL_CODE,
    entityId: spUrls(env).entityId,
    locality: env.SP_LOCALITY,
  };
}

/** The stored pair still matches the settings (same entityID and organisation) and is valid for another day. */
function stillFits(certificate: string, profile: SpCertificateProfile): boolean {
  const cert = new X509Certificate(certificate);
  if (new Date(cert.validTo).getTime() <= Date.now() + 24 * 3600_000) return false;
  const subject = cert.subject;
  return subject.includes(profile.entityId) && subject.includes(`O=${profile.organizationName}`);
}

/**
 * The SP key pair: configured (files or inline PEM), or, outside production, generated once with the SPID profile
 * and kept under IDENTITY_DATA_DIR, so that the metadata the IdPs trust stays the same across restarts. A stored pair
 * that no longer matches the settings (another PUBLIC_URL, another organisation) is replaced.
 */
export async function loadSpCredentials(env: IdentityEnv): Promise<SigningCredentials> {
  const privateKey = env.SP_PRIVATE_KEY ?? (env.SP_KEY_FILE ? await readFile(env.SP_KEY_FILE, 'utf8') : undefined);
  const certificate = env.SP_CERTIFICATE ?? (env.SP_CERT_FILE ? await readFile(env.SP_CERT_FILE, 'utf8') : undefined);
  if (privateKey && certificate) return { privateKey, certificate };
  if (env.NODE_ENV === 'production') throw new Error('SP key pair missing in production');
  const profile = spCertificateProfile(env);
  const keyFile = join(env.IDENTITY_DATA_DIR, 'sp-key.pem');
  const certFile = join(env.IDENTITY_DATA_DIR, 'sp-cert.pem');
  try {
    const [key, cert] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
    if (stillFits(cert, profile)) return { privateKey: key, certificate: cert };
  } catch {
    // first run, or damaged files: create a new pair below
  }
  // 2048 bits: quick to generate at every fresh test database; `npm run sp:certificate` makes 3072-bit ones.
  const created = createSpCertificate({ ...profile, keySize: 2048, days: 5 * 365 });
  await mkdir(env.IDENTITY_DATA_DIR, { recursive: true });
  await writeFile(keyFile, created.privateKey, { mode: 0o600 });
  await writeFile(certFile, created.certificate);
  return { privateKey: created.privateKey, certificate: created.certificate };
}
