import { newSamlId, newRelayState } from './authn-request.js';
import {
  BindingError,
  decodeInbound,
  postBinding,
  redirectBindingUrl,
  type DecodedInbound,
  type InboundMessage,
  type PostBindingMessage,
  type SamlMessageParam,
} from './bindings.js';
import type { IdpDescriptor } from './idp-registry.js';
import type { IdpLookup } from './response-validator.js';
import { NAMEID_FORMAT, NS, SAML_VERSION, STATUS, type SamlBinding } from './saml-constants.js';
import { SamlErrorCode, SamlValidationError } from './saml-validation.error.js';
import type { SpConfig } from './sp-config.js';
import { signEnveloped, verifyEnvelopedSignature, verifyRedirectQuery } from './xml-signature.js';
import {
  attr,
  childElement,
  childElements,
  escapeXml,
  parseSamlInstant,
  parseXml,
  samlInstant,
  textOf,
  type XmlElement,
} from './xml.js';

export interface OutgoingSamlMessage {
  id: string;
  issueInstant: string;
  binding: SamlBinding;
  relayState?: string;
  post?: PostBindingMessage;
  redirectUrl?: string;
}

function send(
  param: SamlMessageParam,
  rootLocalName: string,
  xml: string,
  destination: string,
  sp: Pick<SpConfig, 'credentials'>,
  binding: SamlBinding,
  relayState: string | undefined,
): Pick<OutgoingSamlMessage, 'post' | 'redirectUrl'> {
  if (binding === 'HTTP-POST') {
    const signed = signEnveloped(xml, sp.credentials, { elementLocalName: rootLocalName, placement: 'after-issuer' });
    return { post: postBinding(param, signed, destination, relayState) };
  }
  return { redirectUrl: redirectBindingUrl(param, xml, destination, sp.credentials, relayState) };
}

function issuer(entityId: string): string {
  const e = escapeXml(entityId);
  return `<saml:Issuer Format="${NAMEID_FORMAT.entity}" NameQualifier="${e}">${e}</saml:Issuer>`;
}

export interface LogoutRequestInput {
  sp: Pick<SpConfig, 'entityId' | 'credentials'>;
  /** The IdP's SingleLogoutService Location for the chosen binding. */
  destination: string;
  /** From the login: the transient NameID, its NameQualifier and the SessionIndex. */
  nameId: string;
  nameQualifier: string;
  sessionIndex?: string;
  binding: SamlBinding;
  relayState?: string;
  now?: Date;
  id?: string;
}

/** SP-initiated single logout: a signed LogoutRequest for the IdP session of the login. */
export function createLogoutRequest(input: LogoutRequestInput): OutgoingSamlMessage & { xml: string } {
  const id = input.id ?? newSamlId();
  const issueInstant = samlInstant(input.now ?? new Date());
  const sessionIndex = input.sessionIndex
    ? `\n  <samlp:SessionIndex>${escapeXml(input.sessionIndex)}</samlp:SessionIndex>`
    : '';
  const xml = `<samlp:LogoutRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${id}" Version="${SAML_VERSION}" IssueInstant="${issueInstant}" Destination="${escapeXml(input.destination)}">
  ${issuer(input.sp.entityId)}
  <saml:NameID Format="${NAMEID_FORMAT.transient}" NameQualifier="${escapeXml(input.nameQualifier)}">${escapeXml(input.nameId)}</saml:NameID>${sessionIndex}
</samlp:LogoutRequest>`;
  const relayState = input.relayState ?? newRelayState();
  return {
    id,
    issueInstant,
    binding: input.binding,
    relayState,
    xml,
    ...send('SAMLRequest', 'LogoutRequest', xml, input.destination, input.sp, input.binding, relayState),
  };
}

export interface LogoutResponseInput {
  sp: Pick<SpConfig, 'entityId' | 'credentials'>;
  /** The IdP's SingleLogoutService ResponseLocation (or Location). */
  destination: string;
  inResponseTo: string;
  /** Default success. */
  status?: 'success' | 'partial' | 'requester' | 'responder';
  binding: SamlBinding;
  /** Echo the RelayState of the IdP's LogoutRequest. */
  relayState?: string;
  now?: Date;
  id?: string;
}

const LOGOUT_STATUS: Record<NonNullable<LogoutResponseInput['status']>, string> = {
  success: `<samlp:StatusCode Value="${STATUS.success}"/>`,
  partial: `<samlp:StatusCode Value="${STATUS.success}"><samlp:StatusCode Value="${STATUS.partialLogout}"/></samlp:StatusCode>`,
  requester: `<samlp:StatusCode Value="${STATUS.requester}"/>`,
  responder: `<samlp:StatusCode Value="${STATUS.responder}"/>`,
};

/** Our answer to an IdP-initiated LogoutRequest. */
export function createLogoutResponse(input: LogoutResponseInput): OutgoingSamlMessage & { xml: string } {
  const id = input.id ?? newSamlId();
  const issueInstant = samlInstant(input.now ?? new Date());
  const xml = `<samlp:LogoutResponse xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${id}" Version="${SAML_VERSION}" IssueInstant="${issueInstant}" Destination="${escapeXml(input.destination)}" InResponseTo="${escapeXml(input.inResponseTo)}">
  ${issuer(input.sp.entityId)}
  <samlp:Status>${LOGOUT_STATUS[input.status ?? 'success']}</samlp:Status>
</samlp:LogoutResponse>`;
  return {
    id,
    issueInstant,
    binding: input.binding,
    relayState: input.relayState,
    xml,
    ...send('SAMLResponse', 'LogoutResponse', xml, input.destination, input.sp, input.binding, input.relayState),
  };
}

export interface LogoutContext {
  sp: Pick<SpConfig, 'entityId' | 'sloUrl'>;
  idps: IdpLookup;
  /** Default 30 s. */
  clockSkewMs?: number;
  /** How old an inbound logout message may be. Default 5 minutes. */
  maxAgeMs?: number;
  now?: Date;
}

interface VerifiedMessage {
  root: XmlElement;
  id: string;
  idp: IdpDescriptor;
  issueInstant: Date;
  decoded: DecodedInbound;
}

/** Common checks of an inbound logout message: binding, Version, Issuer = a known IdP, signature, Destination, time. */
function readInbound(
  param: SamlMessageParam,
  rootLocalName: 'LogoutRequest' | 'LogoutResponse',
  inbound: InboundMessage,
  ctx: LogoutContext,
  expectedIdp?: string,
): VerifiedMessage {
  const fail = (code: SamlErrorCode, reason: string, extra: Record<string, string | undefined> = {}) =>
    new SamlValidationError(code, { reason: `${rootLocalName}: ${reason}`, ...extra });
  let decoded: DecodedInbound;
  let root: XmlElement;
  try {
    decoded = decodeInbound(param, inbound);
    root = parseXml(decoded.xml).documentElement!;
  } catch (err) {
    const code =
      err instanceof BindingError && /not signed/.test(err.message)
        ? SamlErrorCode.MISSING_SIGNATURE
        : SamlErrorCode.MALFORMED_MESSAGE;
    throw fail(code, (err as Error).message);
  }
  if (root.namespaceURI !== NS.samlp || root.localName !== rootLocalName) {
    throw fail(SamlErrorCode.MALFORMED_MESSAGE, `unexpected ${root.nodeName}`);
  }
  const id = attr(root, 'ID');
  if (!id) throw fail(SamlErrorCode.INVALID_ID, 'ID missing');
  if (attr(root, 'Version') !== SAML_VERSION) throw fail(SamlErrorCode.INVALID_VERSION, 'Version');

  const issuers = childElements(root, NS.saml, 'Issuer');
  const issuerValue = textOf(issuers[0]);
  if (issuers.length !== 1 || !issuerValue) throw fail(SamlErrorCode.WRONG_ISSUER, 'Issuer missing');
  const format = attr(issuers[0], 'Format');
  if (format !== undefined && format !== NAMEID_FORMAT.entity)
    throw fail(SamlErrorCode.WRONG_ISSUER, `Format ${format}`);
  if (expectedIdp !== undefined && issuerValue !== expectedIdp) {
    throw fail(SamlErrorCode.WRONG_ISSUER, `Issuer ${issuerValue} is not ${expectedIdp}`);
  }
  const idp = ctx.idps.get(issuerValue);
  if (!idp) throw fail(SamlErrorCode.UNKNOWN_IDP, `Issuer ${issuerValue} is not a configured IdP`);

  if (decoded.binding === 'HTTP-POST') {
    try {
      verifyEnvelopedSignature(decoded.xml, root, idp.signingCertificates);
    } catch (err) {
      const unsigned = /is not signed/.test((err as Error).message);
      throw fail(unsigned ? SamlErrorCode.MISSING_SIGNATURE : SamlErrorCode.INVALID_SIGNATURE, (err as Error).message);
    }
  } else {
    const sig = decoded.redirectSignature!;
    let valid: boolean;
    try {
      valid = verifyRedirectQuery(sig.signedPart, sig.signature, sig.sigAlg, idp.signingCertificates);
    } catch (err) {
      throw fail(SamlErrorCode.INVALID_SIGNATURE, (err as Error).message);
    }
    if (!valid) throw fail(SamlErrorCode.INVALID_SIGNATURE, 'Redirect binding signature does not verify');
  }

  const destination = attr(root, 'Destination');
  if (destination !== ctx.sp.sloUrl)
    throw fail(SamlErrorCode.WRONG_DESTINATION, `Destination ${destination ?? 'missing'}`);
  const issueInstant = parseSamlInstant(attr(root, 'IssueInstant'));
  if (!issueInstant) throw fail(SamlErrorCode.INVALID_ISSUE_INSTANT, 'IssueInstant missing or malformed');
  const now = (ctx.now ?? new Date()).getTime();
  const skew = ctx.clockSkewMs ?? 30_000;
  if (issueInstant.getTime() > now + skew)
    throw fail(SamlErrorCode.INVALID_ISSUE_INSTANT, 'IssueInstant in the future');
  if (issueInstant.getTime() < now - skew - (ctx.maxAgeMs ?? 5 * 60_000)) {
    throw fail(SamlErrorCode.EXPIRED, 'IssueInstant too old');
  }
  return { root, id, idp, issueInstant, decoded };
}

/** An IdP-initiated LogoutRequest we verified: end the local sessions it names, then answer. */
export interface IdpLogoutRequest {
  id: string;
  idp: IdpDescriptor;
  nameId: string;
  nameQualifier?: string;
  sessionIndexes: string[];
  issueInstant: Date;
  relayState?: string;
  binding: SamlBinding;
}

/** Reads and verifies an IdP-initiated LogoutRequest (signature, Issuer, Destination, time). */
export function readIdpLogoutRequest(inbound: InboundMessage, ctx: LogoutContext): IdpLogoutRequest {
  const message = readInbound('SAMLRequest', 'LogoutRequest', inbound, ctx);
  const fail = (code: SamlErrorCode, reason: string) =>
    new SamlValidationError(code, { reason: `LogoutRequest: ${reason}`, idp: message.idp.entityId });
  const nameIdEl = childElement(message.root, NS.saml, 'NameID');
  const nameId = textOf(nameIdEl);
  if (!nameId) throw fail(SamlErrorCode.INVALID_SUBJECT, 'NameID missing');
  const notOnOrAfter = attr(message.root, 'NotOnOrAfter');
  if (notOnOrAfter !== undefined) {
    const limit = parseSamlInstant(notOnOrAfter);
    const now = (ctx.now ?? new Date()).getTime();
    if (!limit || now - (ctx.clockSkewMs ?? 30_000) >= limit.getTime())
      throw fail(SamlErrorCode.EXPIRED, 'NotOnOrAfter');
  }
  return {
    id: message.id,
    idp: message.idp,
    nameId,
    nameQualifier: attr(nameIdEl, 'NameQualifier'),
    sessionIndexes: childElements(message.root, NS.samlp, 'SessionIndex')
      .map((s) => textOf(s) ?? '')
      .filter(Boolean),
    issueInstant: message.issueInstant,
    relayState: message.decoded.relayState,
    binding: message.decoded.binding,
  };
}

export interface IdpLogoutResponse {
  id: string;
  inResponseTo: string;
  idp: string;
  /** Success without PartialLogout. */
  success: boolean;
  statusCode: string;
  subStatusCode?: string;
  relayState?: string;
}

/** Reads and verifies the IdP's answer to our LogoutRequest: it must answer that request, from that IdP. */
export function readIdpLogoutResponse(
  inbound: InboundMessage,
  ctx: LogoutContext & { expected: { requestId: string; idp: string } },
): IdpLogoutResponse {
  const message = readInbound('SAMLResponse', 'LogoutResponse', inbound, ctx, ctx.expected.idp);
  const inResponseTo = attr(message.root, 'InResponseTo');
  if (inResponseTo !== ctx.expected.requestId) {
    throw new SamlValidationError(SamlErrorCode.IN_RESPONSE_TO_MISMATCH, {
      reason: 'LogoutResponse: InResponseTo is not our LogoutRequest',
      idp: message.idp.entityId,
      requestId: ctx.expected.requestId,
    });
  }
  const status = childElement(message.root, NS.samlp, 'Status');
  const statusCode = status ? childElement(status, NS.samlp, 'StatusCode') : undefined;
  const value = attr(statusCode, 'Value');
  if (!statusCode || !value) {
    throw new SamlValidationError(SamlErrorCode.INVALID_STATUS, { reason: 'LogoutResponse: Status missing' });
  }
  const subStatusCode = attr(childElement(statusCode, NS.samlp, 'StatusCode'), 'Value');
  return {
    id: message.id,
    inResponseTo,
    idp: message.idp.entityId,
    success: value === STATUS.success && subStatusCode !== STATUS.partialLogout,
    statusCode: value,
    subStatusCode,
    relayState: message.decoded.relayState,
  };
}
