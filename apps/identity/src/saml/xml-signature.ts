import { createPrivateKey, createSign, createVerify, type KeyObject, sign, X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import {
  ALG,
  ALLOWED_DIGEST_ALGORITHMS,
  ALLOWED_SIGNATURE_ALGORITHMS,
  ALLOWED_TRANSFORMS,
  NS,
} from './saml-constants.js';
import {
  attr,
  certificateBody,
  certificateToPem,
  childElement,
  childElements,
  descendants,
  serializeXml,
  type XmlElement,
} from './xml.js';

/** A private key and its X.509 certificate, both PEM. */
export interface SigningCredentials {
  privateKey: string;
  certificate: string;
}

export interface EnvelopedSignatureOptions {
  /** Local name of the element to sign; it must carry an `ID` attribute. The first match in document order is signed. */
  elementLocalName: string;
  /**
   * Where the `<ds:Signature>` goes: right after the element's `<saml:Issuer>` (SAML protocol messages and assertions)
   * or as its first child (metadata).
   */
  placement: 'after-issuer' | 'first-child';
  /** Default RSA-SHA256. */
  signatureAlgorithm?: typeof ALG.rsaSha256 | typeof ALG.rsaSha512;
}

const MAX_CACHED_KEYS = 64;
const privateKeys = new Map<string, KeyObject>();

/**
 * The SP's private key (PEM), parsed once and kept: importing an RSA key costs about three times the signature
 * itself, and every GET /login signs.
 */
export function privateKeyOf(pem: string): KeyObject {
  let key = privateKeys.get(pem);
  if (!key) {
    key = createPrivateKey(pem);
    if (privateKeys.size >= MAX_CACHED_KEYS) privateKeys.clear();
    privateKeys.set(pem, key);
  }
  return key;
}

/**
 * Adds an enveloped XML-DSig signature (exclusive c14n, SHA-256 digest, RSA-SHA256) with `<ds:KeyInfo><ds:X509Data>`
 * to one element of `xml`, as the SPID rules require for metadata, POST-binding requests and responses.
 */
export function signEnveloped(
  xml: string,
  credentials: SigningCredentials,
  options: EnvelopedSignatureOptions,
): string {
  const target = `(//*[local-name(.)='${options.elementLocalName}'])[1]`;
  const sig = new SignedXml({
    privateKey: privateKeyOf(credentials.privateKey),
    publicCert: credentials.certificate,
    signatureAlgorithm: options.signatureAlgorithm ?? ALG.rsaSha256,
    canonicalizationAlgorithm: ALG.excC14n,
  });
  sig.addReference({
    xpath: target,
    transforms: [ALG.enveloped, ALG.excC14n],
    digestAlgorithm: options.signatureAlgorithm === ALG.rsaSha512 ? ALG.sha512 : ALG.sha256,
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location:
      options.placement === 'after-issuer'
        ? { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' }
        : { reference: target, action: 'prepend' },
  });
  return sig.getSignedXml();
}

/** Why a signature did not verify, in words for logs. */
export class SignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureError';
  }
}

/** The `<ds:Signature>` children of an element (an enveloped signature is a direct child of what it signs). */
export function signatureChildren(element: XmlElement): XmlElement[] {
  return childElements(element, NS.ds, 'Signature');
}

export interface SignatureShapeOptions {
  /**
   * When given, a `<ds:KeyInfo>` naming an X.509 certificate must name only these (the IdP's, from its metadata): the
   * key in the message is never used, and a certificate other than the IdP's there is a forgery or a misconfiguration.
   */
  trustedCertificates?: readonly string[];
  /** When given, ID uniqueness is read from this set of IDs found twice (one walk of the document, done already). */
  duplicateIds?: ReadonlySet<string>;
}

/**
 * The shape SAML allows for an enveloped signature, checked without any cryptography (so cheaply, and before handing
 * the document to a verifier): exactly one `<ds:Signature>` child, one reference and it points at the parent, whose
 * ID is unique in the document; RSA-SHA256/512, SHA-256/512 digest, only the enveloped and exclusive-c14n transforms.
 * SHA-1 (which xml-crypto still verifies) is refused here.
 */
export function checkSignatureShape(element: XmlElement, options: SignatureShapeOptions = {}): XmlElement {
  const signatures = signatureChildren(element);
  if (signatures.length === 0) throw new SignatureError(`${element.localName} is not signed`);
  if (signatures.length > 1) throw new SignatureError(`${element.localName} has more than one signature`);
  const signature = signatures[0];
  const id = attr(element, 'ID');
  if (!id) throw new SignatureError(`${element.localName} has no ID`);

  const signedInfo = childElements(signature, NS.ds, 'SignedInfo');
  if (signedInfo.length !== 1) throw new SignatureError('a signature must have exactly one SignedInfo');
  const references = childElements(signedInfo[0], NS.ds, 'Reference');
  if (references.length !== 1) throw new SignatureError('a signature must have exactly one reference');
  if (attr(references[0], 'URI') !== `#${id}`) throw new SignatureError('the signature does not reference its parent');
  if (options.duplicateIds) {
    if (options.duplicateIds.has(id)) throw new SignatureError('the signed ID is not unique in the document');
  } else {
    const root = element.ownerDocument!.documentElement!;
    if (descendants(root, (el) => el.getAttribute('ID') === id).length !== 1) {
      throw new SignatureError('the signed ID is not unique in the document');
    }
  }

  const signatureMethod = attr(childElement(signedInfo[0], NS.ds, 'SignatureMethod'), 'Algorithm');
  if (!signatureMethod || !ALLOWED_SIGNATURE_ALGORITHMS.includes(signatureMethod)) {
    throw new SignatureError(`signature algorithm not allowed: ${signatureMethod ?? 'none'}`);
  }
  const digestMethod = attr(childElement(references[0], NS.ds, 'DigestMethod'), 'Algorithm');
  if (!digestMethod || !ALLOWED_DIGEST_ALGORITHMS.includes(digestMethod)) {
    throw new SignatureError(`digest algorithm not allowed: ${digestMethod ?? 'none'}`);
  }
  const transformsEl = childElement(references[0], NS.ds, 'Transforms');
  const transforms = (transformsEl ? childElements(transformsEl, NS.ds, 'Transform') : []).map((t) =>
    attr(t, 'Algorithm'),
  );
  if (transforms.length > 2 || transforms.some((t) => !t || !ALLOWED_TRANSFORMS.includes(t))) {
    throw new SignatureError('signature transforms not allowed');
  }
  if (options.trustedCertificates) {
    const trusted = new Set(options.trustedCertificates.map(certificateBody));
    const keyInfo = childElement(signature, NS.ds, 'KeyInfo');
    for (const data of keyInfo ? childElements(keyInfo, NS.ds, 'X509Data') : []) {
      for (const certificate of childElements(data, NS.ds, 'X509Certificate')) {
        if (!trusted.has(certificateBody(certificate.textContent ?? ''))) {
          throw new SignatureError("KeyInfo carries a certificate that is not the IdP's");
        }
      }
    }
  }
  return signature;
}

/**
 * Verifies the enveloped signature of `element` against trusted certificates and returns the canonical XML that the
 * signature covers (the only bytes one may trust afterwards). The shape is checked first (`checkSignatureShape`).
 * The certificate inside `<ds:KeyInfo>` is never trusted: only `trustedCertificates` are.
 */
export function verifyEnvelopedSignature(
  fullXml: string,
  element: XmlElement,
  trustedCertificates: readonly string[],
): string {
  const signature = checkSignatureShape(element);
  const normalized = fullXml.replace(/\r\n?/g, '\n');
  for (const certificate of trustedCertificates) {
    const sig = new SignedXml({ publicCert: certificateToPem(certificate) });
    sig.loadSignature(serializeXml(signature));
    try {
      if (!sig.checkSignature(normalized)) continue;
    } catch {
      continue;
    }
    const signed = sig.getSignedReferences();
    if (signed.length !== 1) throw new SignatureError('exactly one signed reference expected');
    return signed[0];
  }
  throw new SignatureError(`the signature of ${element.localName} does not verify with the trusted certificates`);
}

// ---- HTTP-Redirect binding: the signature is over the query string, not inside the XML (SAML Bindings 3.4.4.1).

const REDIRECT_SIG_ALGS: Record<string, 'sha256' | 'sha512'> = { [ALG.rsaSha256]: 'sha256', [ALG.rsaSha512]: 'sha512' };

/** Signs `SAMLRequest=…&RelayState=…&SigAlg=…` (already URL-encoded) and returns the Base64 signature. */
export function signRedirectQuery(signedPart: string, privateKey: string, sigAlg: string = ALG.rsaSha256): string {
  const hash = REDIRECT_SIG_ALGS[sigAlg];
  if (!hash) throw new SignatureError(`signature algorithm not allowed: ${sigAlg}`);
  return createSign(hash).update(signedPart, 'utf8').sign(privateKeyOf(privateKey), 'base64');
}

/**
 * The same signature computed on libuv's thread pool (`crypto.sign` with a callback): the RSA operation, most of a
 * login start's CPU, leaves the event loop, which meanwhile serves other requests (the ACS of other logins).
 */
export function signRedirectQueryOffLoop(
  signedPart: string,
  privateKey: string,
  sigAlg: string = ALG.rsaSha256,
): Promise<string> {
  const hash = REDIRECT_SIG_ALGS[sigAlg];
  if (!hash) return Promise.reject(new SignatureError(`signature algorithm not allowed: ${sigAlg}`));
  return new Promise((resolve, reject) =>
    sign(hash, Buffer.from(signedPart, 'utf8'), privateKeyOf(privateKey), (error, signature) =>
      error ? reject(error) : resolve(signature.toString('base64')),
    ),
  );
}

/** Verifies a Redirect-binding signature with trusted certificates; the key in the message is never used. */
export function verifyRedirectQuery(
  signedPart: string,
  signature: string,
  sigAlg: string,
  trustedCertificates: readonly string[],
): boolean {
  const hash = REDIRECT_SIG_ALGS[sigAlg];
  if (!hash) throw new SignatureError(`signature algorithm not allowed: ${sigAlg}`);
  const raw = Buffer.from(signature, 'base64');
  return trustedCertificates.some((cert) => {
    try {
      const key = new X509Certificate(certificateToPem(cert)).publicKey;
      return createVerify(hash).update(signedPart, 'utf8').verify(key, raw);
    } catch {
      return false;
    }
  });
}
