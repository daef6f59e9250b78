import { createSign, createVerify, X509Certificate } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DOMParser, XMLSerializer, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import * as xpath from 'xpath';

// The dev IdP's own small SAML toolbox. It deliberately shares no code with the identity service: an IdP written
// separately is a real second implementation for the SP to be tested against.

export type { XmlDocument, XmlElement };

export const NS = {
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const REDIRECT_HASH: Record<string, string> = {
  [RSA_SHA256]: 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'sha512',
};

export interface Credentials {
  privateKey: string;
  certificate: string;
}

export function parseXml(xml: string): XmlDocument {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('DOCTYPE not allowed');
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'text/xml');
  if (!doc.documentElement) throw new Error('empty document');
  return doc;
}

const select = xpath.useNamespaces({ ...NS });

export function all(expression: string, context: XmlDocument | XmlElement): XmlElement[] {
  const result = select(expression, context as unknown as Node);
  return Array.isArray(result) ? (result as unknown as XmlElement[]) : [];
}

export function one(expression: string, context: XmlDocument | XmlElement): XmlElement | undefined {
  return all(expression, context)[0];
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el && el.hasAttribute(name) ? (el.getAttribute(name) ?? undefined) : undefined;
}

export function text(el: XmlElement | undefined): string | undefined {
  return el ? (el.textContent ?? '').trim() : undefined;
}

export function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function instant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function certBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

export function toPem(certificate: string): string {
  const lines = certBody(certificate).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Enveloped RSA-SHA256 signature with KeyInfo on the first `localName` element, after its Issuer or first. */
export function signXml(xml: string, localName: string, credentials: Credentials, first = false): string {
  const target = `(//*[local-name(.)='${localName}'])[1]`;
  const sig = new SignedXml({
    privateKey: credentials.privateKey,
    publicCert: credentials.certificate,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: target,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: first
      ? { reference: target, action: 'prepend' }
      : { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

/** Whether the root element carries a valid enveloped signature by one of `certificates` (KeyInfo ignored). */
export function verifyRootSignature(xml: string, doc: XmlDocument, certificates: string[]): boolean {
  const root = doc.documentElement!;
  const signatures = all('./ds:Signature', root);
  if (signatures.length !== 1) return false;
  const reference = one('./ds:SignedInfo/ds:Reference', signatures[0]);
  if (!reference || attr(reference, 'URI') !== `#${attr(root, 'ID') ?? '\u0000'}`) return false;
  return certificates.some((certificate) => {
    try {
      const sig = new SignedXml({ publicCert: toPem(certificate) });
      sig.loadSignature(new XMLSerializer().serializeToString(signatures[0]));
      return sig.checkSignature(xml);
    } catch {
      return false;
    }
  });
}

export interface DecodedMessage {
  xml: string;
  relayState?: string;
  binding: 'HTTP-POST' | 'HTTP-Redirect';
  /** Redirect binding: the signed part of the query and its signature. */
  redirect?: { signedPart: string; sigAlg?: string; signature?: string };
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** Decodes a SAML message from a raw query string (Redirect binding). */
export function decodeRedirect(param: 'SAMLRequest' | 'SAMLResponse', rawQuery: string): DecodedMessage {
  const raw = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) raw.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const message = raw.get(param);
  if (!message) throw new Error(`${param} mancante`);
  const xml = inflateRawSync(Buffer.from(formDecode(message), 'base64'), { maxOutputLength: 512 * 1024 }).toString(
    'utf8',
  );
  let signedPart = `${param}=${message}`;
  if (raw.has('RelayState')) signedPart += `&RelayState=${raw.get('RelayState')}`;
  const sigAlg = raw.get('SigAlg');
  if (sigAlg !== undefined) signedPart += `&SigAlg=${sigAlg}`;
  return {
    xml,
    binding: 'HTTP-Redirect',
    relayState: raw.has('RelayState') ? formDecode(raw.get('RelayState')!) : undefined,
    redirect: {
      signedPart,
      sigAlg: sigAlg === undefined ? undefined : formDecode(sigAlg),
      signature: raw.has('Signature') ? formDecode(raw.get('Signature')!) : undefined,
    },
  };
}

export function decodePost(message: string, relayState?: string): DecodedMessage {
  return { xml: Buffer.from(message, 'base64').toString('utf8'), relayState, binding: 'HTTP-POST' };
}

export function verifyRedirectSignature(decoded: DecodedMessage, certificates: string[]): boolean {
  const r = decoded.redirect;
  const hash = r?.sigAlg ? REDIRECT_HASH[r.sigAlg] : undefined;
  if (!r?.signature || !hash) return false;
  return certificates.some((certificate) => {
    try {
      return createVerify(hash)
        .update(r.signedPart)
        .verify(new X509Certificate(toPem(certificate)).publicKey, Buffer.from(r.signature!, 'base64'));
    } catch {
      return false;
    }
  });
}

/** A Redirect-binding URL (used for LogoutResponse when the SP only offers Redirect). */
export function redirectUrl(
  param: 'SAMLRequest' | 'SAMLResponse',
  xml: string,
  destination: string,
  credentials: Credentials,
  relayState?: string,
): string {
  let query = `${param}=${encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString('base64'))}`;
  if (relayState !== undefined) query += `&RelayState=${encodeURIComponent(relayState)}`;
  query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
  const signature = createSign('sha256').update(query).sign(credentials.privateKey, 'base64');
  return `${destination}${destination.includes('?') ? '&' : '?'}${query}&Signature=${encodeURIComponent(signature)}`;
}
