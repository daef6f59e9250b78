import { readFile } from 'node:fs/promises';
import { loadOrCreateSelfSignedCredentials } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import type { SigningCredentials } from '../saml/index.js';

/**
 * The SP key pair: configured (files or inline PEM), or, outside production, generated once and kept under
 * IDENTITY_DATA_DIR so that the metadata the IdPs trust stays the same across restarts.
 */
export async function loadSpCredentials(env: IdentityEnv): Promise<SigningCredentials> {
  const privateKey = env.SP_PRIVATE_KEY ?? (env.SP_KEY_FILE ? await readFile(env.SP_KEY_FILE, 'utf8') : undefined);
  const certificate = env.SP_CERTIFICATE ?? (env.SP_CERT_FILE ? await readFile(env.SP_CERT_FILE, 'utf8') : undefined);
  if (privateKey && certificate) return { privateKey, certificate };
  if (env.NODE_ENV === 'production') throw new Error('SP key pair missing in production');
  return loadOrCreateSelfSignedCredentials(env.IDENTITY_DATA_DIR, 'sp', {
    commonName: 'Profila SP (sviluppo)',
    organizationName: 'Profila - ambiente di sviluppo',
    days: 5 * 365,
  });
}
