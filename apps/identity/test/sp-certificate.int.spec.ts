// The SP certificate and metadata against AgID's rules: the certificate profile of Avviso SPID n.29 v3 (what AgID's
// spid-compliant-certificates generator produces), for the embedded/test mode and `npm run sp:certificate`, and the
// billing ContactPerson a private SP publishes. Certificates are parsed with node-forge.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { loadIdentityEnv } from '../src/config/identity.env.js';
import { loadSpCredentials } from '../src/login/sp-credentials.js';
import { spConfigFrom } from '../src/login/sp-setup.js';
import { buildSpMetadata, createSpCertificate } from '../src/saml/index.js';

const PUBLIC_URL = 'https://portale.regione.example.it';
const ENTITY_ID = `${PUBLIC_URL}/api/identity/saml/metadata`;

interface Profile {
  subject: Record<string, string>;
  keyUsage: { critical: boolean; digitalSignature: boolean; nonRepudiation: boolean; keyCertSign: boolean };
  policies: string[];
  keyBits: number;
  signatureOid: string;
}

/** Reads what AgID checks from a PEM certificate. */
function profileOf(pem: string): Profile {
  const cert = forge.pki.certificateFromPem(pem);
  const subject: Record<string, string> = {};
  for (const a of cert.subject.attributes) subject[a.type as string] = String(a.value);
  const ku = cert.getExtension('keyUsage') as {
    critical: boolean;
    digitalSignature: boolean;
    nonRepudiation: boolean;
    keyCertSign: boolean;
  };
  const cp = (cert.extensions as Array<{ id: string; value: string }>).find((e) => e.id === '2.5.29.32')!;
  const infos = forge.asn1.fromDer(cp.value).value as forge.asn1.Asn1[];
  const policies = infos.map((info) => forge.asn1.derToOid((info.value as forge.asn1.Asn1[])[0].value as string));
  return {
    subject,
    keyUsage: {
      critical: ku.critical,
      digitalSignature: ku.digitalSignature,
      nonRepudiation: ku.nonRepudiation,
      keyCertSign: ku.keyCertSign,
    },
    policies,
    keyBits: (cert.publicKey as forge.pki.rsa.PublicKey).n.bitLength(),
    signatureOid: cert.siginfo.algorithmOid,
  };
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

describe('SPID SP certificate profile (Avviso SPID n.29 v3)', () => {
  it('embedded/test mode: generated from the SP_* settings of a public SP', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sp-cert-'));
    try {
      const env = loadIdentityEnv({
        NODE_ENV: 'test',
        PUBLIC_URL,
        IDENTITY_DATA_DIR: dir,
        SP_ORG_NAME: 'Regione Esempio',
        SP_SERVICE_NAME: 'Servizi per il lavoro',
        SP_IPA_CODE: 'r_esempio',
        SP_LOCALITY: 'Bologna',
      });
      const credentials = await loadSpCredentials(env);
      const p = profileOf(credentials.certificate);
      expect(p.subject).toEqual({
        '2.5.4.3': 'Servizi per il lavoro',
        '2.5.4.10': 'Regione Esempio',
        '2.5.4.97': 'PA:IT-r_esempio',
        '2.5.4.83': ENTITY_ID,
        '2.5.4.6': 'IT',
        '2.5.4.7': 'Bologna',
      });
      expect(p.keyUsage).toEqual({ critical: true, digitalSignature: true, nonRepudiation: true, keyCertSign: false });
      expect(p.policies).toEqual(['1.3.76.16.6', '1.3.76.16.4.2.1']);
      expect(p.keyBits).toBeGreaterThanOrEqual(2048);
      expect(p.signatureOid).toBe(SHA256_WITH_RSA);
      // Kept across restarts (the IdPs trust this certificate), replaced when the settings change.
      expect((await loadSpCredentials(env)).certificate).toBe(credentials.certificate);
      expect(await readFile(join(dir, 'sp-cert.pem'), 'utf8')).toBe(credentials.certificate);
      const moved = await loadSpCredentials(
        loadIdentityEnv({ NODE_ENV: 'test', PUBLIC_URL: 'https://altro.example.it', IDENTITY_DATA_DIR: dir }),
      );
      expect(moved.certificate).not.toBe(credentials.certificate);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sp:certificate for a private SP: key, CSR and self-signed certificate with the private SP policy', () => {
    const bundle = createSpCertificate({
      sector: 'private',
      commonName: 'Profila',
      organizationName: 'Esempio S.p.A.',
      vatNumber: '12345678903',
      entityId: ENTITY_ID,
      locality: 'Milano',
    });
    const p = profileOf(bundle.certificate);
    expect(p.subject['2.5.4.97']).toBe('VATIT-12345678903');
    expect(p.subject['2.5.4.83']).toBe(ENTITY_ID);
    expect(p.policies).toEqual(['1.3.76.16.6', '1.3.76.16.4.3.1']);
    expect(p.keyBits).toBe(3072);
    expect(new X509Certificate(bundle.certificate).checkPrivateKey(createPrivateKey(bundle.privateKey))).toBe(true);
    const csr = forge.pki.certificationRequestFromPem(bundle.csr);
    expect(csr.verify()).toBe(true);
    expect(csr.subject.getField({ type: '2.5.4.97' }).value).toBe('VATIT-12345678903');
    const requested = csr.getAttribute({ name: 'extensionRequest' }) as {
      extensions: Array<{ name?: string; id: string }>;
    };
    expect(requested.extensions.map((e) => e.id)).toEqual(['2.5.29.19', '2.5.29.15', '2.5.29.32']);
    expect(() =>
      createSpCertificate({
        sector: 'private',
        commonName: 'x',
        organizationName: 'x',
        entityId: ENTITY_ID,
        locality: 'x',
      }),
    ).toThrow(/partita IVA/);
  });
});

describe('SP metadata of a private SP (Avviso SPID n.29)', () => {
  it('carries the billing ContactPerson with fpa:CessionarioCommittente from the settings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sp-meta-'));
    try {
      const env = loadIdentityEnv({
        NODE_ENV: 'test',
        PUBLIC_URL,
        IDENTITY_DATA_DIR: dir,
        SP_CONTACT_TYPE: 'private',
        SP_ORG_NAME: 'Esempio S.p.A.',
        SP_VAT_NUMBER: '12345678903',
        SP_BILLING_ADDRESS: 'Via Roma',
        SP_BILLING_CIVIC_NUMBER: '1',
        SP_BILLING_CAP: '20121',
        SP_BILLING_COMUNE: 'Milano',
        SP_BILLING_PROVINCIA: 'MI',
        SP_BILLING_EMAIL: 'fatture@esempio.it',
      });
      const xml = buildSpMetadata(spConfigFrom(env, await loadSpCredentials(env)));
      const billing = /<md:ContactPerson contactType="billing">([\s\S]*?)<\/md:ContactPerson>/.exec(xml)?.[1] ?? '';
      expect(billing).toContain('xmlns:fpa="https://spid.gov.it/invoicing-extensions"');
      expect(billing.replace(/\s+/g, '')).toContain(
        '<fpa:CessionarioCommittente><fpa:DatiAnagrafici><fpa:IdFiscaleIVA><fpa:IdPaese>IT</fpa:IdPaese><fpa:IdCodice>12345678903</fpa:IdCodice></fpa:IdFiscaleIVA><fpa:Anagrafica><fpa:Denominazione>EsempioS.p.A.</fpa:Denominazione></fpa:Anagrafica></fpa:DatiAnagrafici><fpa:Sede><fpa:Indirizzo>ViaRoma</fpa:Indirizzo><fpa:NumeroCivico>1</fpa:NumeroCivico><fpa:CAP>20121</fpa:CAP><fpa:Comune>Milano</fpa:Comune><fpa:Provincia>MI</fpa:Provincia><fpa:Nazione>IT</fpa:Nazione></fpa:Sede></fpa:CessionarioCommittente>',
      );
      expect(billing).toContain('<md:Company>Esempio S.p.A.</md:Company>');
      expect(billing).toContain('<md:EmailAddress>fatture@esempio.it</md:EmailAddress>');
      expect(xml).toMatch(/<md:ContactPerson contactType="other">[\s\S]*<spid:Private\/>/);
      // A public SP publishes no billing contact.
      const publicEnv = loadIdentityEnv({ NODE_ENV: 'test', PUBLIC_URL, IDENTITY_DATA_DIR: dir });
      expect(buildSpMetadata(spConfigFrom(publicEnv, await loadSpCredentials(publicEnv)))).not.toContain('billing');
      // Without the billing seat a private SP does not start.
      expect(() =>
        spConfigFrom(
          loadIdentityEnv({ NODE_ENV: 'test', PUBLIC_URL, SP_CONTACT_TYPE: 'private', SP_VAT_NUMBER: '12345678903' }),
          { privateKey: '', certificate: '' },
        ),
      ).toThrow(/SP_BILLING_ADDRESS/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
