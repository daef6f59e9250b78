import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { S3Credentials } from './sigv4.js';

/** A fresh key pair: 20-character access key id and 40-character secret, as AWS issues them. */
export function generateS3Credentials(): S3Credentials {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
  return { accessKey: `PROF${id}`, secretKey: randomBytes(30).toString('base64url') };
}

/**
 * The embedded S3 endpoint's key pair of this installation: generated on first start, kept in the data directory
 * (readable by its owner only) so that the object store and document-store agree across restarts.
 */
export function loadOrCreateS3Credentials(file: string): S3Credentials {
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<S3Credentials>;
    if (typeof stored.accessKey !== 'string' || typeof stored.secretKey !== 'string') {
      throw new Error(`${file} does not hold {accessKey, secretKey}: delete it to generate new keys`);
    }
    chmodSync(file, 0o600);
    return { accessKey: stored.accessKey, secretKey: stored.secretKey };
  }
  const credentials = generateS3Credentials();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return credentials;
}
