import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ALG } from './saml-constants.js';
import { signRedirectQuery, signRedirectQueryOffLoop, type SigningCredentials } from './xml-signature.js';
import { escapeXml, MAX_SAML_MESSAGE_BYTES } from './xml.js';

/** Form parameter that carries the message: requests travel as SAMLRequest, responses as SAMLResponse. */
export type SamlMessageParam = 'SAMLRequest' | 'SAMLResponse';

/** What the browser must POST to `action` (HTTP-POST binding). */
export interface PostBindingMessage {
  action: string;
  fields: Record<string, string>;
}

/** The HTTP-POST binding of an already signed message. */
export function postBinding(
  param: SamlMessageParam,
  signedXml: string,
  destination: string,
  relayState?: string,
): PostBindingMessage {
  const fields: Record<string, string> = { [param]: Buffer.from(signedXml, 'utf8').toString('base64') };
  if (relayState !== undefined) fields.RelayState = relayState;
  return { action: destination, fields };
}

/**
 * A self-submitting HTML form for the HTTP-POST binding. Without JavaScript the user presses the button.
 * `nonce` lets a Content-Security-Policy allow the inline script.
 */
export function postBindingForm(message: PostBindingMessage, options: { nonce?: string; title?: string } = {}): string {
  const inputs = Object.entries(message.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeXml(name)}" value="${escapeXml(value)}">`)
    .join('\n      ');
  const nonce = options.nonce ? ` nonce="${escapeXml(options.nonce)}"` : '';
  const title = escapeXml(options.title ?? 'Reindirizzamento in corso');
  return `<!DOCTYPE html>
<html lang="it">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
  <body>
    <form method="post" action="${escapeXml(message.action)}">
      ${inputs}
      <p>${title}. Se la pagina non prosegue da sola, premere il pulsante.</p>
      <button type="submit">Continua</button>
    </form>
    <script${nonce}>document.forms[0].submit();</script>
  </body>
</html>`;
}

/** The HTTP-Redirect binding: DEFLATE + Base64 + URL-encoding, signed over the query string (SigAlg + Signature). */
export function redirectBindingUrl(
  param: SamlMessageParam,
  xml: string,
  destination: string,
  credentials: SigningCredentials,
  relayState?: string,
  sigAlg: string = ALG.rsaSha256,
): string {
  const signedPart = redirectSignedPart(param, xml, relayState, sigAlg);
  return redirectUrlOf(destination, signedPart, signRedirectQuery(signedPart, credentials.privateKey, sigAlg));
}

/** `redirectBindingUrl` with the signature computed off the event loop (the login start, a hot path). */
export async function redirectBindingUrlOffLoop(
  param: SamlMessageParam,
  xml: string,
  destination: string,
  credentials: SigningCredentials,
  relayState?: string,
  sigAlg: string = ALG.rsaSha256,
): Promise<string> {
  const signedPart = redirectSignedPart(param, xml, relayState, sigAlg);
  return redirectUrlOf(
    destination,
    signedPart,
    await signRedirectQueryOffLoop(signedPart, credentials.privateKey, sigAlg),
  );
}

/** What a Redirect-binding signature covers: the encoded message, RelayState and SigAlg, in this order. */
function redirectSignedPart(param: SamlMessageParam, xml: string, relayState: string | undefined, sigAlg: string) {
  const encoded = deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
  let signedPart = `${param}=${encodeURIComponent(encoded)}`;
  if (relayState !== undefined) signedPart += `&RelayState=${encodeURIComponent(relayState)}`;
  return `${signedPart}&SigAlg=${encodeURIComponent(sigAlg)}`;
}

function redirectUrlOf(destination: string, signedPart: string, signature: string): string {
  return `${destination}${destination.includes('?') ? '&' : '?'}${signedPart}&Signature=${encodeURIComponent(signature)}`;
}

/** A message received with the HTTP-POST binding (form fields). */
export interface InboundPost {
  binding: 'HTTP-POST';
  message: string;
  relayState?: string;
}

/** A message received with the HTTP-Redirect binding: the raw query string exactly as received (without `?`). */
export interface InboundRedirect {
  binding: 'HTTP-Redirect';
  rawQuery: string;
}

export type InboundMessage = InboundPost | InboundRedirect;

export interface DecodedInbound {
  binding: 'HTTP-POST' | 'HTTP-Redirect';
  xml: string;
  relayState?: string;
  /** Redirect binding only: what the sender signed, to verify against its certificate. */
  redirectSignature?: { signedPart: string; signature: string; sigAlg: string };
}

export class BindingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindingError';
  }
}

const BASE64_RE = /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/;

export function decodeBase64Strict(value: string): Buffer {
  const trimmed = value.trim();
  if (!trimmed || !BASE64_RE.test(trimmed)) throw new BindingError('the message is not valid Base64');
  const buf = Buffer.from(trimmed, 'base64');
  if (buf.length === 0 || buf.length > MAX_SAML_MESSAGE_BYTES)
    throw new BindingError('the message is empty or too large');
  return buf;
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** Decodes an inbound message of either binding; a Redirect message must carry SigAlg and Signature. */
export function decodeInbound(param: SamlMessageParam, inbound: InboundMessage): DecodedInbound {
  if (inbound.binding === 'HTTP-POST') {
    return {
      binding: 'HTTP-POST',
      xml: decodeBase64Strict(inbound.message).toString('utf8'),
      relayState: inbound.relayState,
    };
  }
  const raw = new Map<string, string>();
  for (const part of inbound.rawQuery.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (raw.has(key)) throw new BindingError(`duplicated query parameter ${key}`);
    raw.set(key, eq < 0 ? '' : part.slice(eq + 1));
  }
  const message = raw.get(param);
  if (!message) throw new BindingError(`${param} is missing`);
  const sigAlg = raw.get('SigAlg');
  const signature = raw.get('Signature');
  if (!sigAlg || !signature) throw new BindingError('the Redirect binding message is not signed');
  let xml: string;
  try {
    xml = inflateRawSync(decodeBase64Strict(formDecode(message)), { maxOutputLength: MAX_SAML_MESSAGE_BYTES }).toString(
      'utf8',
    );
  } catch (err) {
    throw err instanceof BindingError ? err : new BindingError('the message cannot be inflated');
  }
  const relayStateRaw = raw.get('RelayState');
  let signedPart = `${param}=${message}`;
  if (relayStateRaw !== undefined) signedPart += `&RelayState=${relayStateRaw}`;
  signedPart += `&SigAlg=${sigAlg}`;
  return {
    binding: 'HTTP-Redirect',
    xml,
    relayState: relayStateRaw === undefined ? undefined : formDecode(relayStateRaw),
    redirectSignature: { signedPart, signature: formDecode(signature), sigAlg: formDecode(sigAlg) },
  };
}
