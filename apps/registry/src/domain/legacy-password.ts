import { createHash, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** A bcrypt hash of nothing anyone knows: an unknown username costs the same time as a wrong password. */
const DECOY_BCRYPT = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jsEAYlx7nG1Ck9YFxYd1sPp1H3aK';

/**
 * Checks a password against a legacy hash (ADR 0014, docs/migration-format.md): bcrypt, `salt$sha1(salt+password)`,
 * or unsalted md5. Constant-time comparisons; an unknown scheme never matches.
 */
export async function verifyLegacyPassword(scheme: string, hash: string, password: string): Promise<boolean> {
  switch (scheme) {
    case 'bcrypt':
      return bcrypt.compare(password, hash);
    case 'sha1-salted': {
      const at = hash.indexOf('$');
      if (at < 1) return false;
      const salt = hash.slice(0, at);
      return sameHex(
        createHash('sha1')
          .update(salt + password)
          .digest('hex'),
        hash.slice(at + 1),
      );
    }
    case 'md5':
      return sameHex(createHash('md5').update(password).digest('hex'), hash);
    default:
      return false;
  }
}

/** The time an unknown username would otherwise save. */
export async function decoyVerification(password: string): Promise<false> {
  await bcrypt.compare(password, DECOY_BCRYPT);
  return false;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Hashes a password the way the legacy systems did (sample exports, tests); bcrypt at cost 4: samples only. */
export function hashLegacyPassword(
  scheme: 'bcrypt' | 'sha1-salted' | 'md5',
  password: string,
  salt = 'a1b2c3d4',
): string {
  if (scheme === 'bcrypt') return bcrypt.hashSync(password, 4);
  if (scheme === 'md5') return createHash('md5').update(password).digest('hex');
  return `${salt}$${createHash('sha1')
    .update(salt + password)
    .digest('hex')}`;
}
