// SPID Service Provider key, CSR and self-signed certificate with the profile of AgID Avviso SPID n.29 v3 (as AgID's
// spid-compliant-certificates generator makes them), for a real deployment:
//   npm run sp:certificate -- --out /etc/profila/sp [--days 730] [--key-size 3072]
// The subject comes from identity's settings (environment): SP_CONTACT_TYPE (public|private), SP_SERVICE_NAME
// (commonName), SP_ORG_NAME, SP_IPA_CODE (public) or SP_VAT_NUMBER / SP_FISCAL_CODE (private), PUBLIC_URL (the
// entityID), SP_LOCALITY. Writes sp-key.pem (mode 600), sp-csr.pem and sp-cert.pem; then set SP_KEY_FILE and
// SP_CERT_FILE. It refuses to overwrite existing files.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '.' },
    days: { type: 'string', default: '730' },
    'key-size': { type: 'string', default: '3072' },
  },
});
const { loadIdentityEnv } = await import(join(root, 'dist/apps/identity/config/identity.env.js'));
const { spCertificateProfile } = await import(join(root, 'dist/apps/identity/login/sp-credentials.js'));
const { createSpCertificate } = await import(join(root, 'dist/apps/identity/saml/sp-certificate.js'));

const env = loadIdentityEnv({ NODE_ENV: 'development', ...process.env });
const profile = { ...spCertificateProfile(env), days: Number(values.days), keySize: Number(values['key-size']) };
const files = {
  key: join(values.out, 'sp-key.pem'),
  csr: join(values.out, 'sp-csr.pem'),
  cert: join(values.out, 'sp-cert.pem'),
};
for (const file of Object.values(files)) {
  if (existsSync(file)) {
    console.error(`${file} exists: choose another --out (a new key means a new metadata for the IdPs)`);
    process.exit(1);
  }
}
const bundle = createSpCertificate(profile);
await mkdir(values.out, { recursive: true });
await writeFile(files.key, bundle.privateKey, { mode: 0o600 });
await writeFile(files.csr, bundle.csr);
await writeFile(files.cert, bundle.certificate);
console.log(
  `SPID SP certificate (${profile.sector} SP, ${profile.keySize} bits, ${profile.days} days) for ${profile.entityId}`,
);
for (const [what, file] of Object.entries(files)) console.log(`  ${what}: ${file}`);
console.log(`Set SP_KEY_FILE=${files.key} and SP_CERT_FILE=${files.cert}.`);
