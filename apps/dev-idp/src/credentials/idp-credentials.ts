import { loadOrCreateSelfSignedCredentials } from '@profila/platform';
import type { Credentials } from '../saml/xml.js';

/**
 * Loads the key pair from `dir`, or creates and stores it on first run, so that the IdP metadata the SP trusts stays
 * the same across restarts. An unreadable or expired pair is replaced.
 */
export async function loadOrCreateIdpCredentials(
  dir: string,
  commonName = 'Profila Dev IdP (non SPID reale)',
): Promise<Credentials> {
  return loadOrCreateSelfSignedCredentials(dir, 'idp', {
    commonName,
    organizationName: 'Profila - ambiente di prova',
    days: 10 * 365, // it only has to outlive a laptop
  });
}
