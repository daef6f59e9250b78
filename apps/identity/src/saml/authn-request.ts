import { randomBytes } from 'node:crypto';
import { postBinding, redirectBindingUrl, redirectBindingUrlOffLoop, type PostBindingMessage } from './bindings.js';
import { NAMEID_FORMAT, NS, SAML_VERSION, type SamlBinding } from './saml-constants.js';
import type { SpConfig } from './sp-config.js';
import { SPID_LEVEL_CLASS_REF, type AuthnComparison, type SpidLevel } from './spid-level.js';
import { signEnveloped } from './xml-signature.js';
import { escapeXml, samlInstant } from './xml.js';

/** A fresh, unpredictable SAML ID (an NCName: starts with `_`). */
export function newSamlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/** An opaque RelayState: never a URL, the SP maps it to where the user was going. */
export function newRelayState(): string {
  return randomBytes(18).toString('base64url');
}

export interface AuthnRequestInput {
  sp: Pick<SpConfig, 'entityId' | 'credentials'>;
  /** The IdP's SingleSignOnService URL for the chosen binding: it becomes `Destination`. */
  destination: string;
  level: SpidLevel;
  /** Default `minimum`: the IdP may authenticate at a higher level. */
  comparison?: AuthnComparison;
  /** Default `0`, as published in our metadata. */
  assertionConsumerServiceIndex?: number;
  /** Default `0`, as published in our metadata. */
  attributeConsumingServiceIndex?: number;
  now?: Date;
  id?: string;
}

export interface AuthnRequestXml {
  id: string;
  issueInstant: string;
  /** IssueInstant as a Date (whole seconds): the response must not be older. */
  issuedAt: Date;
  destination: string;
  level: SpidLevel;
  comparison: AuthnComparison;
  /** Unsigned XML. */
  xml: string;
}

/**
 * The SPID AuthnRequest: Issuer with Format entity and NameQualifier, NameIDPolicy transient without AllowCreate,
 * exactly one SpidL1/L2/L3 class ref, ForceAuthn for L2 and L3, ACS and AttributeConsumingService by index.
 */
export function buildAuthnRequestXml(input: AuthnRequestInput): AuthnRequestXml {
  const id = input.id ?? newSamlId();
  const issueInstant = samlInstant(input.now ?? new Date());
  const comparison = input.comparison ?? 'minimum';
  const forceAuthn = input.level === 'L1' ? '' : ' ForceAuthn="true"';
  const entityId = escapeXml(input.sp.entityId);
  const xml = `<samlp:AuthnRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${id}" Version="${SAML_VERSION}" IssueInstant="${issueInstant}" Destination="${escapeXml(input.destination)}"${forceAuthn} AssertionConsumerServiceIndex="${input.assertionConsumerServiceIndex ?? 0}" AttributeConsumingServiceIndex="${input.attributeConsumingServiceIndex ?? 0}">
  <saml:Issuer Format="${NAMEID_FORMAT.entity}" NameQualifier="${entityId}">${entityId}</saml:Issuer>
  <samlp:NameIDPolicy Format="${NAMEID_FORMAT.transient}"/>
  <samlp:RequestedAuthnContext Comparison="${comparison}">
    <saml:AuthnContextClassRef>${SPID_LEVEL_CLASS_REF[input.level]}</saml:AuthnContextClassRef>
  </samlp:RequestedAuthnContext>
</samlp:AuthnRequest>`;
  return {
    id,
    issueInstant,
    issuedAt: new Date(issueInstant),
    destination: input.destination,
    level: input.level,
    comparison,
    xml,
  };
}

/** The AuthnRequest with its enveloped signature (HTTP-POST binding). */
export function signAuthnRequest(request: AuthnRequestXml, sp: Pick<SpConfig, 'credentials'>): string {
  return signEnveloped(request.xml, sp.credentials, { elementLocalName: 'AuthnRequest', placement: 'after-issuer' });
}

export interface OutgoingAuthnRequest extends AuthnRequestXml {
  binding: SamlBinding;
  relayState: string;
  /** HTTP-POST: the form the browser must submit (render it with `postBindingForm`). */
  post?: PostBindingMessage;
  /** HTTP-Redirect: where to send the browser. */
  redirectUrl?: string;
}

/** Builds and signs an AuthnRequest for the chosen binding, with an opaque RelayState (signed on the event loop). */
export function createAuthnRequest(
  input: AuthnRequestInput & { binding: SamlBinding; relayState?: string },
): OutgoingAuthnRequest {
  const request = buildAuthnRequestXml(input);
  const relayState = input.relayState ?? newRelayState();
  if (input.binding === 'HTTP-POST') return postAuthnRequest(request, input, relayState);
  const { destination, sp } = input;
  const redirectUrl = redirectBindingUrl('SAMLRequest', request.xml, destination, sp.credentials, relayState);
  return { ...request, binding: 'HTTP-Redirect', relayState, redirectUrl };
}

/**
 * Signs a built AuthnRequest for the chosen binding (the signature covers the message: the XML for HTTP-POST, the
 * query string for HTTP-Redirect), with an opaque RelayState. Apart from `buildAuthnRequestXml` so that the request
 * can be stored (or refused) before paying for the signature. The Redirect binding's RSA signature (the binding the
 * login uses with every IdP that offers it) is computed on the thread pool, off the event loop.
 */
export async function bindAuthnRequest(
  request: AuthnRequestXml,
  input: Pick<AuthnRequestInput, 'sp' | 'destination'> & { binding: SamlBinding; relayState?: string },
): Promise<OutgoingAuthnRequest> {
  const relayState = input.relayState ?? newRelayState();
  if (input.binding === 'HTTP-POST') return postAuthnRequest(request, input, relayState);
  const { destination, sp } = input;
  const redirectUrl = await redirectBindingUrlOffLoop(
    'SAMLRequest',
    request.xml,
    destination,
    sp.credentials,
    relayState,
  );
  return { ...request, binding: 'HTTP-Redirect', relayState, redirectUrl };
}

/** HTTP-POST: the enveloped XML signature, in the form the browser submits. */
function postAuthnRequest(
  request: AuthnRequestXml,
  input: Pick<AuthnRequestInput, 'sp' | 'destination'>,
  relayState: string,
): OutgoingAuthnRequest {
  const signed = signAuthnRequest(request, input.sp);
  return {
    ...request,
    binding: 'HTTP-POST',
    relayState,
    post: postBinding('SAMLRequest', signed, input.destination, relayState),
  };
}
