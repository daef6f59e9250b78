import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * The SPID certificate profile of a Service Provider (AgID Avviso SPID n.29 v3, as AgID's spid-compliant-certificates
 * generator writes it): subject with commonName, organizationName, organizationIdentifier, uri (the entityID),
 * countryName IT and localityName; keyUsage critical digitalSignature + nonRepudiation; certificatePolicies with the
 * AgID certificate policy and the public / private SP policy; RSA ≥ 2048 and SHA-256.
 */
export const SPID_OID = {
  organizationIdentifier: '2.5.4.97',
  uri: '2.5.4.83',
  /** agIDcert */
  agidCertPolicy: '1.3.76.16.6',
  /** cert_SP_Pub */
  publicSpPolicy: '1.3.76.16.4.2.1',
  /** cert_SP_Priv */
  privateSpPolicy: '1.3.76.16.4.3.1',
  certificatePolicies: '2.5.29.32',
} as const;

export type SpSector = 'public' | 'private';

export interface SpCertificateProfile {
  sector: SpSector;
  /** A short name of the service (commonName). */
  commonName: string;
  /** The organisation's full name, as in the IPA index or the company register. */
  organizationName: string;
  /** Public SPs: the IPA code. */
  ipaCode?: string;
  /** Private SPs: the partita IVA, or else the codice fiscale. */
  vatNumber?: string;
  fiscalCode?: string;
  /** The SP's entityID. */
  entityId: string;
  /** localityName: the seat's comune. */
  locality: string;
  /** Default 3072 (AgID's generator); at least 2048. */
  keySize?: number;
  /** Validity in days from now (default 730). */
  days?: number;
}

export interface SpCertificateBundle {
  privateKey: string;
  /** PKCS#10 request with the same subject and extensions, for a CA or for AgID's checks. */
  csr: string;
  /** Self-signed certificate with the profile (what SPID SPs publish in their metadata). */
  certificate: string;
}

/** `PA:IT-<IPA code>` for public SPs, `VATIT-<P.IVA>` or `CF:IT-<CF>` for private ones. */
export function organizationIdentifier(
  profile: Pick<SpCertificateProfile, 'sector' | 'ipaCode' | 'vatNumber' | 'fiscalCode'>,
): string {
  if (profile.sector === 'public') {
    if (!profile.ipaCode) throw new Error('A public SP certificate needs the IPA code');
    return `PA:IT-${profile.ipaCode}`;
  }
  if (profile.vatNumber) return `VATIT-${profile.vatNumber.replace(/^IT/i, '')}`;
  if (profile.fiscalCode) return `CF:IT-${profile.fiscalCode.toUpperCase()}`;
  throw new Error('A private SP certificate needs the partita IVA or the codice fiscale');
}

function subjectOf(profile: SpCertificateProfile): forge.pki.CertificateField[] {
  const utf8 = forge.asn1.Type.UTF8;
  return [
    { name: 'commonName', value: profile.commonName, valueTagClass: utf8 },
    { name: 'organizationName', value: profile.organizationName, valueTagClass: utf8 },
    { type: SPID_OID.organizationIdentifier, value: organizationIdentifier(profile), valueTagClass: utf8 },
    { type: SPID_OID.uri, value: profile.entityId, valueTagClass: utf8 },
    { name: 'countryName', value: 'IT' },
    { name: 'localityName', value: profile.locality, valueTagClass: utf8 },
  ] as forge.pki.CertificateField[];
}

/** PolicyInformation with a userNotice explicitText, as AgID's generator writes it. */
function policy(oid: string, notice: string): forge.asn1.Asn1 {
  const { asn1 } = forge;
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        // id-qt-unotice
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('1.3.6.1.5.5.7.2.2').getBytes()),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, forge.util.encodeUtf8(notice)),
        ]),
      ]),
    ]),
  ]);
}

function extensionsOf(profile: SpCertificateProfile, forCertificate: boolean): object[] {
  const { asn1 } = forge;
  const spPolicy =
    profile.sector === 'public'
      ? policy(SPID_OID.publicSpPolicy, 'cert_SP_Pub')
      : policy(SPID_OID.privateSpPolicy, 'cert_SP_Priv');
  return [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    {
      id: SPID_OID.certificatePolicies,
      critical: false,
      value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        policy(SPID_OID.agidCertPolicy, 'agIDcert'),
        spPolicy,
      ]),
    },
    ...(forCertificate ? [{ name: 'subjectKeyIdentifier' }] : []),
  ];
}

/** A new key, its CSR and a self-signed certificate with the SPID SP profile. */
export function createSpCertificate(profile: SpCertificateProfile): SpCertificateBundle {
  const keySize = profile.keySize ?? 3072;
  if (keySize < 2048) throw new Error('SPID wants RSA keys of at least 2048 bits');
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: keySize,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  const publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  const subject = subjectOf(profile);

  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial number of 20 bytes at most.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + (profile.days ?? 730) * 24 * 3600_000);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions(extensionsOf(profile, true));
  cert.sign(key, forge.md.sha256.create());

  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = publicKey;
  csr.setSubject(subjectOf(profile));
  csr.setAttributes([{ name: 'extensionRequest', extensions: extensionsOf(profile, false) }]);
  csr.sign(key, forge.md.sha256.create());

  return {
    privateKey,
    csr: forge.pki.certificationRequestToPem(csr),
    certificate: forge.pki.certificateToPem(cert),
  };
}
