import { DOMParser, XMLSerializer, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import * as xpath from 'xpath';
import { NS } from './saml-constants.js';

export type { XmlDocument, XmlElement };

/** Thrown when a message is not well-formed XML or uses constructs we never accept (DOCTYPE, entities). */
export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlParseError';
  }
}

/** Largest SAML message we read (a SPID Response is a few kB). */
export const MAX_SAML_MESSAGE_BYTES = 512 * 1024;

/**
 * Parses a SAML message strictly: any parser error or warning aborts, and a DOCTYPE is refused outright
 * (no entity expansion, no external subsets: the classic XXE and billion-laughs vectors).
 */
export function parseXml(xml: string): XmlDocument {
  if (Buffer.byteLength(xml, 'utf8') > MAX_SAML_MESSAGE_BYTES) throw new XmlParseError('message too large');
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    throw new XmlParseError('DOCTYPE and ENTITY declarations are not allowed');
  let doc: XmlDocument;
  try {
    doc = new DOMParser({
      // No line / column on every node: nothing reads them, and they cost a good part of the parse.
      locator: false,
      onError: (level, message) => {
        throw new XmlParseError(`${level}: ${message}`);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (err) {
    throw err instanceof XmlParseError ? err : new XmlParseError((err as Error).message);
  }
  if (!doc.documentElement) throw new XmlParseError('no document element');
  return doc;
}

export function serializeXml(node: XmlDocument | XmlElement): string {
  return new XMLSerializer().serializeToString(node);
}

const selectNs = xpath.useNamespaces({ ...NS });

/** Elements matching a namespace-aware XPath (prefixes: samlp, saml, md, ds, spid). */
export function selectElements(expression: string, context: XmlDocument | XmlElement): XmlElement[] {
  const result = selectNs(expression, context as unknown as Node);
  if (!Array.isArray(result)) return [];
  return (result as unknown[]).filter((n): n is XmlElement => (n as { nodeType?: number }).nodeType === 1);
}

export function selectElement(expression: string, context: XmlDocument | XmlElement): XmlElement | undefined {
  return selectElements(expression, context)[0];
}

/** Every element under `root` (itself included) that satisfies `predicate`, in document order. A plain DOM walk:
 * the xpath package is far slower on whole-document scans. */
export function descendants(root: XmlElement, predicate: (el: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = [];
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (predicate(el)) found.push(el);
    const children: XmlElement[] = [];
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) children.push(n as XmlElement);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return found;
}

/** Direct element children with the given namespace and local name. */
export function childElements(parent: XmlElement, ns: string, localName: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) {
      const el = n as XmlElement;
      if (el.namespaceURI === ns && el.localName === localName) out.push(el);
    }
  }
  return out;
}

export function childElement(parent: XmlElement, ns: string, localName: string): XmlElement | undefined {
  return childElements(parent, ns, localName)[0];
}

/** Attribute value, or undefined when the attribute is absent (an empty attribute gives ''). */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  if (!el || !el.hasAttribute(name)) return undefined;
  return el.getAttribute(name) ?? undefined;
}

/** Text content with surrounding whitespace removed (IdPs often pretty-print values). */
export function textOf(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  return (el.textContent ?? '').trim();
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML element content and double-quoted attributes. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** SAML instants are UTC `xs:dateTime` with a `Z`; we emit whole seconds. */
export function samlInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Parses a SAML instant; undefined when absent, empty, not UTC or not a real date. */
export function parseSamlInstant(value: string | undefined): Date | undefined {
  if (!value || !INSTANT_RE.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Base64 body of a PEM certificate (what goes in `<ds:X509Certificate>`). */
export function certificateBody(pem: string): string {
  return pem
    .replace(/-----BEGIN CERTIFICATE-----/g, '')
    .replace(/-----END CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
}

/** PEM form of a certificate given either as PEM or as the bare base64 of `<ds:X509Certificate>`. */
export function certificateToPem(certificate: string): string {
  const body = certificateBody(certificate);
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
