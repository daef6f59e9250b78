/**
 * Cryptographic checks of each SignerInfo of a CMS SignedData (RFC 5652), kept apart so that the verdict can say
 * which one failed: the signed content's digest against the messageDigest attribute, and the signature value over
 * the signed attributes with the signer certificate's public key.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export interface CmsSignerCheck {
  certificate: pkijs.Certificate | null;
  digestAlgorithm: string | null;
  contentDigestMatches: boolean;
  signatureValid: boolean;
  signingTime: Date | null;
  failure: 'SIGNER_CERTIFICATE_MISSING' | 'UNSUPPORTED_ALGORITHM' | 'MISSING_SIGNED_ATTRIBUTES' | null;
}

const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const DIGESTS: Record<string, { node: string; webcrypto: string }> = {
  '1.3.14.3.2.26': { node: 'sha1', webcrypto: 'SHA-1' },
  '2.16.840.1.101.3.4.2.1': { node: 'sha256', webcrypto: 'SHA-256' },
  '2.16.840.1.101.3.4.2.2': { node: 'sha384', webcrypto: 'SHA-384' },
  '2.16.840.1.101.3.4.2.3': { node: 'sha512', webcrypto: 'SHA-512' },
};

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

export function cmsCertificates(signedData: pkijs.SignedData): pkijs.Certificate[] {
  return (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
}

export async function verifyCmsSigners(signedData: pkijs.SignedData, content: Uint8Array): Promise<CmsSignerCheck[]> {
  const certificates = cmsCertificates(signedData);
  return Promise.all(signedData.signerInfos.map((signerInfo) => verifySigner(signerInfo, certificates, content)));
}

async function verifySigner(
  signerInfo: pkijs.SignerInfo,
  certificates: pkijs.Certificate[],
  content: Uint8Array,
): Promise<CmsSignerCheck> {
  const certificate = findSignerCertificate(signerInfo, certificates);
  const digest = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const signingTime = readSigningTime(attributes);
  const base = { certificate, digestAlgorithm: digest?.webcrypto ?? null, signingTime };
  if (!certificate)
    return { ...base, contentDigestMatches: false, signatureValid: false, failure: 'SIGNER_CERTIFICATE_MISSING' };
  if (!digest) return { ...base, contentDigestMatches: false, signatureValid: false, failure: 'UNSUPPORTED_ALGORITHM' };

  let signedBytes: Uint8Array<ArrayBuffer>;
  let contentDigestMatches: boolean;
  if (signerInfo.signedAttrs) {
    const messageDigest = attributes.find((a) => a.type === OID_MESSAGE_DIGEST)?.values[0] as
      asn1js.OctetString | undefined;
    const hasContentType = attributes.some((a) => a.type === OID_CONTENT_TYPE);
    if (!messageDigest || !hasContentType) {
      return { ...base, contentDigestMatches: false, signatureValid: false, failure: 'MISSING_SIGNED_ATTRIBUTES' };
    }
    const actual = createHash(digest.node).update(content).digest();
    contentDigestMatches = Buffer.from(messageDigest.valueBlock.valueHexView).equals(actual);
    signedBytes = new Uint8Array(signerInfo.signedAttrs.encodedValue);
  } else {
    signedBytes = new Uint8Array(content);
    contentDigestMatches = true; // decided by the signature itself below
  }

  let signatureValid: boolean;
  try {
    const rsa = signerInfo.signatureAlgorithm.algorithmId === OID_RSA_ENCRYPTION;
    signatureValid = await engine.verifyWithPublicKey(
      signedBytes,
      signerInfo.signature,
      certificate.subjectPublicKeyInfo,
      signerInfo.signatureAlgorithm,
      rsa ? digest.webcrypto : undefined,
    );
  } catch {
    return { ...base, contentDigestMatches, signatureValid: false, failure: 'UNSUPPORTED_ALGORITHM' };
  }
  if (!signerInfo.signedAttrs) contentDigestMatches = signatureValid;
  return { ...base, contentDigestMatches, signatureValid, failure: null };
}

function findSignerCertificate(
  signerInfo: pkijs.SignerInfo,
  certificates: pkijs.Certificate[],
): pkijs.Certificate | null {
  const sid: unknown = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // [0] SubjectKeyIdentifier: SHA-1 of the subject public key.
  const block = sid as asn1js.Primitive | asn1js.Constructed;
  const keyId =
    block instanceof asn1js.Constructed
      ? (block.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView
      : block.valueBlock.valueHexView;
  return (
    certificates.find((c) =>
      createHash('sha1').update(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest().equals(keyId),
    ) ?? null
  );
}

function readSigningTime(attributes: pkijs.Attribute[]): Date | null {
  const value: unknown = attributes.find((a) => a.type === OID_SIGNING_TIME)?.values[0];
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate();
  return null;
}
