import { createHash, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { findAncestorNsForElement } from 'xml-crypto/lib/utils.js';
import { ALG, ALLOWED_DIGEST_ALGORITHMS, ALLOWED_SIGNATURE_ALGORITHMS, NS } from './saml-constants.js';
import { SignatureError } from './xml-signature.js';
import {
  attr,
  certificateBody,
  certificateToPem,
  childElement,
  childElements,
  type XmlDocument,
  type XmlElement,
} from './xml.js';

/**
 * The one-pass verification of an enveloped XML-DSig signature on an element of an already parsed document: no
 * re-parse of the document, no XPath, no second canonicalisation. The document is walked once (`indexDocument`) to
 * find every element and every ID; each signature is then checked over the very element the caller goes on to read.
 * Canonicalisation is xml-crypto's (exclusive c14n, the only one SPID allows), digests and RSA are node:crypto, the
 * public keys are imported once per certificate.
 */

/** The attribute names an XML-DSig same-document reference may point at (xml-crypto's set). */
const ID_ATTRIBUTES = new Set(['ID', 'Id', 'id']);

/** Every element of a document in document order, and its IDs (one walk). */
export interface DocumentIndex {
  root: XmlElement;
  /** Elements in document order, the root first. */
  elements: XmlElement[];
  /** ID / Id / id value → the element carrying it (the first, when the value appears twice). */
  ids: Map<string, XmlElement>;
  /** Values that appear as an ID more than once anywhere in the document. */
  duplicateIds: Set<string>;
}

export function indexDocument(doc: XmlDocument): DocumentIndex {
  const root = doc.documentElement!;
  const elements: XmlElement[] = [];
  const ids = new Map<string, XmlElement>();
  const duplicateIds = new Set<string>();
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    elements.push(el);
    const attributes = el.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const a = attributes[i];
      if (!ID_ATTRIBUTES.has(a.localName ?? a.name)) continue;
      if (ids.has(a.value)) duplicateIds.add(a.value);
      else ids.set(a.value, el);
    }
    const children: XmlElement[] = [];
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) children.push(n as XmlElement);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return { root, elements, ids, duplicateIds };
}

const MAX_CACHED_KEYS = 256;
const keys = new Map<string, KeyObject>();

/** The public key of a certificate (PEM or bare base64), imported once and kept (a few IdPs, a few keys each). */
export function publicKeyOf(certificate: string): KeyObject {
  const body = certificateBody(certificate);
  let key = keys.get(body);
  if (!key) {
    key = createPublicKey(certificateToPem(body));
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    keys.set(body, key);
  }
  return key;
}

const HASHES: Record<string, 'sha256' | 'sha512'> = { [ALG.sha256]: 'sha256', [ALG.sha512]: 'sha512' };
const SIGNATURE_HASHES: Record<string, 'sha256' | 'sha512'> = { [ALG.rsaSha256]: 'sha256', [ALG.rsaSha512]: 'sha512' };
const c14n = new ExclusiveCanonicalization();

function prefixList(method: XmlElement | undefined): string[] {
  const inclusive = method ? childElement(method, ALG.excC14n, 'InclusiveNamespaces') : undefined;
  const list = attr(inclusive, 'PrefixList');
  return list ? list.split(/\s+/).filter(Boolean) : [];
}

/**
 * Exclusive c14n of `element` without its child `omit` (the enveloped-signature transform). xml-crypto's
 * canonicaliser only writes into the element it is given when an InclusiveNamespaces PrefixList applies (it declares
 * the listed ancestor namespaces on it) — then it gets a deep copy; otherwise the signature is detached for the
 * duration of the (synchronous) call and put back, because xmldom's deep copy of a whole Response costs more than
 * everything else here. Namespaces a PrefixList names come from the ancestors of the original, as xml-crypto does.
 */
function canonicalize(element: XmlElement, prefixes: string[], omit?: XmlElement): string {
  const options = {
    inclusiveNamespacesPrefixList: prefixes,
    ancestorNamespaces: prefixes.length > 0 ? findAncestorNsForElement(element as unknown as Element) : [],
  };
  // Without an explicit list, the canonicaliser looks for one in CanonicalizationMethod/InclusiveNamespaces (by local
  // name, any namespace).
  const method = childNamed(element, 'CanonicalizationMethod');
  const mayWrite = prefixes.length > 0 || (method !== undefined && childNamed(method, 'InclusiveNamespaces'));
  if (mayWrite) {
    const copy = element.cloneNode(true) as XmlElement;
    if (omit) {
      let index = 0;
      for (let n = element.firstChild; n && n !== omit; n = n.nextSibling) index++;
      copy.removeChild(copy.childNodes[index]);
    }
    return c14n.process(copy as unknown as Element, options);
  }
  const next = omit?.nextSibling ?? null;
  if (omit) element.removeChild(omit);
  try {
    return c14n.process(element as unknown as Element, options);
  } finally {
    if (omit) element.insertBefore(omit, next);
  }
}

function onlyElementsAndText(root: XmlElement): boolean {
  for (let n = root.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) {
      if (!onlyElementsAndText(n as XmlElement)) return false;
    } else if (n.nodeType !== 3) {
      return false;
    }
  }
  return true;
}

/** The first child element with this local name, in any namespace. */
function childNamed(element: XmlElement, localName: string): XmlElement | undefined {
  for (let n = element.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as XmlElement).localName === localName) return n as XmlElement;
  }
  return undefined;
}

function sameBase64(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * Verifies the one enveloped signature of `element` against `trustedCertificates` (the KeyInfo is never used as a
 * key) and returns nothing: on success the caller may read `element` itself — every byte of it that canonical XML
 * carries is covered. Requires, besides what `checkSignatureShape` already refused: the reference's ID is the
 * element's and maps, in `index`, to this very node; no ID appears twice in the document; the SignedInfo is
 * exclusive c14n, RSA-SHA256/512, one Reference with exactly the enveloped-signature and exclusive-c14n transforms
 * and a SHA-256/512 digest — read from a SignedInfo of elements, attributes and text only, hence exactly what its
 * canonical bytes (what the signature covers) say.
 */
export function verifySignatureInPlace(
  element: XmlElement,
  index: DocumentIndex,
  trustedCertificates: readonly string[],
): void {
  const signatures = childElements(element, NS.ds, 'Signature');
  if (signatures.length !== 1) throw new SignatureError(`${element.localName} needs exactly one signature`);
  const signature = signatures[0];
  const id = attr(element, 'ID');
  if (!id || index.ids.get(id) !== element) throw new SignatureError(`${element.localName} ID is not its own`);
  if (index.duplicateIds.size > 0) throw new SignatureError('an ID appears more than once in the document');

  const signedInfos = childElements(signature, NS.ds, 'SignedInfo');
  if (signedInfos.length !== 1) throw new SignatureError('a signature must have exactly one SignedInfo');
  const c14nMethod = childElement(signedInfos[0], NS.ds, 'CanonicalizationMethod');
  if (attr(c14nMethod, 'Algorithm') !== ALG.excC14n) {
    throw new SignatureError(`SignedInfo canonicalization not allowed: ${attr(c14nMethod, 'Algorithm') ?? 'none'}`);
  }
  // The reference is read from the SignedInfo element, which must hold only elements, attributes and text: such a
  // tree is exactly what its canonical form (the bytes the signature covers) parses back to. A comment, processing
  // instruction or CDATA section — text the canonical form and a DOM reader may see differently — is refused.
  const signedInfo = signedInfos[0];
  if (!onlyElementsAndText(signedInfo)) {
    throw new SignatureError('SignedInfo holds comments, processing instructions or CDATA');
  }
  const signedInfoXml = canonicalize(signedInfo, prefixList(c14nMethod));
  const signatureAlgorithm = attr(childElement(signedInfo, NS.ds, 'SignatureMethod'), 'Algorithm') ?? '';
  const signatureHash = SIGNATURE_HASHES[signatureAlgorithm];
  if (!signatureHash || !ALLOWED_SIGNATURE_ALGORITHMS.includes(signatureAlgorithm)) {
    throw new SignatureError(`signature algorithm not allowed: ${signatureAlgorithm || 'none'}`);
  }
  const references = childElements(signedInfo, NS.ds, 'Reference');
  if (references.length !== 1) throw new SignatureError('a signature must have exactly one reference');
  const reference = references[0];
  if (attr(reference, 'URI') !== `#${id}`) throw new SignatureError('the signature does not reference its parent');
  const transformsEl = childElement(reference, NS.ds, 'Transforms');
  const transforms = transformsEl ? childElements(transformsEl, NS.ds, 'Transform') : [];
  if (
    transforms.length !== 2 ||
    attr(transforms[0], 'Algorithm') !== ALG.enveloped ||
    attr(transforms[1], 'Algorithm') !== ALG.excC14n
  ) {
    throw new SignatureError('signature transforms must be enveloped-signature then exclusive c14n');
  }
  const digestAlgorithm = attr(childElement(reference, NS.ds, 'DigestMethod'), 'Algorithm') ?? '';
  const digestHash = HASHES[digestAlgorithm];
  if (!digestHash || !ALLOWED_DIGEST_ALGORITHMS.includes(digestAlgorithm)) {
    throw new SignatureError(`digest algorithm not allowed: ${digestAlgorithm || 'none'}`);
  }
  const digestValue = (childElement(reference, NS.ds, 'DigestValue')?.textContent ?? '').replace(/\s+/g, '');

  const digest = createHash(digestHash)
    .update(canonicalize(element, prefixList(transforms[1]), signature), 'utf8')
    .digest('base64');
  if (!sameBase64(digest, digestValue)) throw new SignatureError(`the digest of ${element.localName} does not match`);

  const signatureValue = Buffer.from(
    (childElement(signature, NS.ds, 'SignatureValue')?.textContent ?? '').replace(/\s+/g, ''),
    'base64',
  );
  const material = Buffer.from(signedInfoXml, 'utf8');
  for (const certificate of trustedCertificates) {
    let key: KeyObject;
    try {
      key = publicKeyOf(certificate);
    } catch {
      continue;
    }
    if (verify(signatureHash, material, key, signatureValue)) return;
  }
  throw new SignatureError(`the signature of ${element.localName} does not verify with the trusted certificates`);
}
