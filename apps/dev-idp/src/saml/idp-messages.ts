import { randomBytes } from 'node:crypto';
import type { DevIdpSettings } from '../config/dev-idp.env.js';
import type { SpMetadata } from './sp-metadata.js';
import {
  all,
  attr,
  BINDING_POST,
  BINDING_REDIRECT,
  certBody,
  esc,
  instant,
  NS,
  one,
  parseXml,
  signXml,
  text,
  verifyRedirectSignature,
  verifyRootSignature,
  type Credentials,
  type DecodedMessage,
} from './xml.js';

export type Level = 'L1' | 'L2' | 'L3';
export const LEVELS: readonly Level[] = ['L1', 'L2', 'L3'];
export const CLASS_REF = (level: Level) => `https://www.spid.gov.it/Spid${level}`;

const ENTITY = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';
const TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const RESPONDER = 'urn:oasis:names:tc:SAML:2.0:status:Responder';
const AUTHN_FAILED = 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed';

export function newId(): string {
  return `_${randomBytes(16).toString('hex')}`;
}

/** The IdP metadata, signed: what the SP's registry loads from /metadata. */
export function idpMetadata(settings: DevIdpSettings, credentials: Credentials): string {
  const e = esc(settings.entityId);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${NS.md}" xmlns:ds="${NS.ds}" entityID="${e}" ID="${newId()}">
  <md:IDPSSODescriptor protocolSupportEnumeration="${NS.samlp}" WantAuthnRequestsSigned="true">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(credentials.certificate)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleLogoutService Binding="${BINDING_POST}" Location="${esc(settings.sloUrl)}"/>
    <md:SingleLogoutService Binding="${BINDING_REDIRECT}" Location="${esc(settings.sloUrl)}"/>
    <md:NameIDFormat>${TRANSIENT}</md:NameIDFormat>
    <md:SingleSignOnService Binding="${BINDING_POST}" Location="${esc(settings.ssoUrl)}"/>
    <md:SingleSignOnService Binding="${BINDING_REDIRECT}" Location="${esc(settings.ssoUrl)}"/>
  </md:IDPSSODescriptor>
  <md:Organization>
    <md:OrganizationName xml:lang="it">Profila Dev IdP</md:OrganizationName>
    <md:OrganizationDisplayName xml:lang="it">Dev IdP (prova)</md:OrganizationDisplayName>
    <md:OrganizationURL xml:lang="it">${e}</md:OrganizationURL>
  </md:Organization>
</md:EntityDescriptor>`;
  return signXml(xml, 'EntityDescriptor', credentials, true);
}

export type SignatureCheck = 'verified' | 'not-checked' | 'invalid' | 'missing';

/** An AuthnRequest as the dev IdP understood it, with every rule it broke (SPID anomaly table numbers). */
export interface ReceivedAuthnRequest {
  id: string;
  spEntityId: string;
  acsUrl?: string;
  attributeIndex: number;
  level: Level;
  comparison: string;
  forceAuthn: boolean;
  relayState?: string;
  binding: DecodedMessage['binding'];
  signature: SignatureCheck;
  problems: string[];
}

/** Reads and checks an AuthnRequest like a SPID IdP would; `problems` lists what a real IdP would refuse. */
export function readAuthnRequest(
  decoded: DecodedMessage,
  settings: DevIdpSettings,
  sp: SpMetadata | undefined,
  fallbackAcs: string,
): ReceivedAuthnRequest {
  const doc = parseXml(decoded.xml);
  const root = doc.documentElement!;
  if (root.namespaceURI !== NS.samlp || root.localName !== 'AuthnRequest')
    throw new Error('il messaggio non è una AuthnRequest');
  const problems: string[] = [];
  const id = attr(root, 'ID') ?? '';
  if (!id) problems.push('nr11: ID assente');
  if (attr(root, 'Version') !== '2.0') problems.push('nr09: Version assente o diversa da 2.0');
  const issueInstant = attr(root, 'IssueInstant');
  const issued = issueInstant && /Z$/.test(issueInstant) ? new Date(issueInstant).getTime() : NaN;
  if (Number.isNaN(issued) || Math.abs(issued - Date.now()) > 5 * 60_000) {
    problems.push("nr13: IssueInstant assente, malformato o lontano dall'orario di arrivo");
  }
  const destination = attr(root, 'Destination');
  if (destination !== settings.ssoUrl && destination !== settings.entityId) {
    problems.push(`nr14: Destination ${destination ?? 'assente'} non è questo IdP`);
  }
  if (attr(root, 'IsPassive') === 'true') problems.push('nr15: IsPassive=true non ammesso');
  const issuerEl = one('./saml:Issuer', root);
  const spEntityId = text(issuerEl) ?? '';
  if (!spEntityId || attr(issuerEl, 'Format') !== ENTITY || attr(issuerEl, 'NameQualifier') !== spEntityId) {
    problems.push('nr10: Issuer assente o senza Format entity / NameQualifier');
  }
  if (sp && spEntityId !== sp.entityId)
    problems.push(`nr10: Issuer ${spEntityId} non è il SP configurato (${sp.entityId})`);
  const policy = one('./samlp:NameIDPolicy', root);
  if (!policy || attr(policy, 'Format') !== TRANSIENT) problems.push('nr17: NameIDPolicy Format non transient');
  if (policy?.hasAttribute('AllowCreate')) problems.push('AllowCreate non ammesso (Avviso SPID n.5)');
  const refs = all('./samlp:RequestedAuthnContext/saml:AuthnContextClassRef', root).map((r) => text(r) ?? '');
  const level = LEVELS.find((l) => refs.length === 1 && refs[0] === CLASS_REF(l));
  if (!level) problems.push('nr12: RequestedAuthnContext assente o non SPID');
  const comparison = attr(one('./samlp:RequestedAuthnContext', root), 'Comparison') ?? 'exact';
  const forceAuthn = ['true', '1'].includes(attr(root, 'ForceAuthn') ?? '');
  if (level && level !== 'L1' && !forceAuthn) problems.push('ForceAuthn obbligatorio per SpidL2 e SpidL3');

  let acsUrl: string | undefined;
  const acsIndex = attr(root, 'AssertionConsumerServiceIndex');
  if (acsIndex !== undefined) {
    acsUrl = sp ? sp.acs.get(Number(acsIndex)) : fallbackAcs;
    if (!acsUrl) problems.push(`nr16: AssertionConsumerServiceIndex ${acsIndex} non presente nei metadati del SP`);
  } else {
    acsUrl = attr(root, 'AssertionConsumerServiceURL');
    if (!acsUrl || (sp && ![...sp.acs.values()].includes(acsUrl))) {
      problems.push('nr16: AssertionConsumerServiceURL assente o non presente nei metadati del SP');
    }
  }
  const attributeIndex = Number(attr(root, 'AttributeConsumingServiceIndex') ?? 0);
  if (sp && attr(root, 'AttributeConsumingServiceIndex') !== undefined && !sp.attributeServices.has(attributeIndex)) {
    problems.push(`nr18: AttributeConsumingServiceIndex ${attributeIndex} non presente nei metadati del SP`);
  }

  let signature: SignatureCheck = 'not-checked';
  if (sp) {
    const certificates = sp.signingCertificates;
    if (decoded.binding === 'HTTP-POST') {
      const signed = all('./ds:Signature', root).length > 0;
      signature = !signed ? 'missing' : verifyRootSignature(decoded.xml, doc, certificates) ? 'verified' : 'invalid';
    } else {
      signature = !decoded.redirect?.signature
        ? 'missing'
        : verifyRedirectSignature(decoded, certificates)
          ? 'verified'
          : 'invalid';
    }
    if (signature === 'invalid') problems.push('nr05: verifica della firma fallita');
    if (signature === 'missing' && sp.authnRequestsSigned) problems.push('nr07: richiesta non firmata');
  }
  return {
    id,
    spEntityId,
    acsUrl,
    attributeIndex,
    level: level ?? 'L1',
    comparison,
    forceAuthn,
    relayState: decoded.relayState,
    binding: decoded.binding,
    signature,
    problems,
  };
}

export interface ResponseInput {
  request: Pick<ReceivedAuthnRequest, 'id' | 'spEntityId' | 'acsUrl'>;
  /** `undefined` = a non-success Response with the given SPID anomaly code. */
  subject?: { attributes: Record<string, string>; level: Level };
  anomaly?: number;
  ttlSeconds: number;
}

/** A SPID Response, Assertion and Response both signed (RSA-SHA256, KeyInfo). */
export function buildResponse(
  input: ResponseInput,
  settings: DevIdpSettings,
  credentials: Credentials,
): { xml: string; sessionIndex?: string; nameId?: string } {
  const now = new Date();
  const issued = instant(now);
  const until = instant(new Date(now.getTime() + input.ttlSeconds * 1000));
  const idp = esc(settings.entityId);
  const acs = esc(input.request.acsUrl ?? '');
  const inResponseTo = esc(input.request.id);
  const issuer = `<saml:Issuer Format="${ENTITY}">${idp}</saml:Issuer>`;
  let assertion = '';
  let status = `<samlp:StatusCode Value="${SUCCESS}"/>`;
  let sessionIndex: string | undefined;
  let nameId: string | undefined;
  if (input.subject) {
    sessionIndex = newId();
    nameId = newId();
    const attributes = Object.entries(input.subject.attributes)
      .map(
        ([name, value]) =>
          `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">${esc(value)}</saml:AttributeValue></saml:Attribute>`,
      )
      .join('\n      ');
    const unsigned = `<saml:Assertion xmlns:saml="${NS.saml}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${newId()}" Version="2.0" IssueInstant="${issued}">
    ${issuer}
    <saml:Subject>
      <saml:NameID Format="${TRANSIENT}" NameQualifier="${idp}">${nameId}</saml:NameID>
      <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
        <saml:SubjectConfirmationData InResponseTo="${inResponseTo}" NotOnOrAfter="${until}" Recipient="${acs}"/>
      </saml:SubjectConfirmation>
    </saml:Subject>
    <saml:Conditions NotBefore="${issued}" NotOnOrAfter="${until}">
      <saml:AudienceRestriction><saml:Audience>${esc(input.request.spEntityId)}</saml:Audience></saml:AudienceRestriction>
    </saml:Conditions>
    <saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${sessionIndex}">
      <saml:AuthnContext><saml:AuthnContextClassRef>${CLASS_REF(input.subject.level)}</saml:AuthnContextClassRef></saml:AuthnContext>
    </saml:AuthnStatement>
    <saml:AttributeStatement>
      ${attributes}
    </saml:AttributeStatement>
  </saml:Assertion>`;
    assertion = `\n  ${signXml(unsigned, 'Assertion', credentials)}`;
  } else {
    const code = String(input.anomaly ?? 25).padStart(2, '0');
    status = `<samlp:StatusCode Value="${RESPONDER}"><samlp:StatusCode Value="${AUTHN_FAILED}"/></samlp:StatusCode><samlp:StatusMessage>ErrorCode nr${code}</samlp:StatusMessage>`;
  }
  const response = `<samlp:Response xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${newId()}" Version="2.0" IssueInstant="${issued}" Destination="${acs}" InResponseTo="${inResponseTo}">
  ${issuer}
  <samlp:Status>${status}</samlp:Status>${assertion}
</samlp:Response>`;
  return { xml: signXml(response, 'Response', credentials), sessionIndex, nameId };
}

export interface ReceivedLogoutRequest {
  id: string;
  spEntityId: string;
  nameId?: string;
  sessionIndex?: string;
  relayState?: string;
  signature: SignatureCheck;
}

/** Reads an SP-initiated LogoutRequest and checks its signature against the SP metadata. */
export function readLogoutRequest(decoded: DecodedMessage, sp: SpMetadata | undefined): ReceivedLogoutRequest {
  const doc = parseXml(decoded.xml);
  const root = doc.documentElement!;
  if (root.namespaceURI !== NS.samlp || root.localName !== 'LogoutRequest')
    throw new Error('il messaggio non è una LogoutRequest');
  let signature: SignatureCheck = 'not-checked';
  if (sp) {
    if (decoded.binding === 'HTTP-POST') {
      signature =
        all('./ds:Signature', root).length === 0
          ? 'missing'
          : verifyRootSignature(decoded.xml, doc, sp.signingCertificates)
            ? 'verified'
            : 'invalid';
    } else {
      signature = !decoded.redirect?.signature
        ? 'missing'
        : verifyRedirectSignature(decoded, sp.signingCertificates)
          ? 'verified'
          : 'invalid';
    }
  }
  return {
    id: attr(root, 'ID') ?? '',
    spEntityId: text(one('./saml:Issuer', root)) ?? '',
    nameId: text(one('./saml:NameID', root)),
    sessionIndex: text(one('./samlp:SessionIndex', root)),
    relayState: decoded.relayState,
    signature,
  };
}

/** The IdP's LogoutResponse (unsigned XML; signed by the binding that carries it). */
export function logoutResponseXml(
  settings: DevIdpSettings,
  destination: string,
  inResponseTo: string,
  success: boolean,
): string {
  return `<samlp:LogoutResponse xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${newId()}" Version="2.0" IssueInstant="${instant(new Date())}" Destination="${esc(destination)}" InResponseTo="${esc(inResponseTo)}">
  <saml:Issuer Format="${ENTITY}">${esc(settings.entityId)}</saml:Issuer>
  <samlp:Status><samlp:StatusCode Value="${success ? SUCCESS : RESPONDER}"/></samlp:Status>
</samlp:LogoutResponse>`;
}
