import { createSign, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { DOMParser, XMLSerializer, type Element as XmlElement } from '@xmldom/xmldom';
import { createSelfSignedCredentials as createPlatformSelfSigned } from '@profila/platform';
import { SignedXml } from 'xml-crypto';
import { spidAttributesOf, testCitizens, type TestCitizen } from '@profila/embedded';

/**
 * A SAML identity provider for tests: signs SPID Responses with xml-crypto the way a real IdP does, and produces on
 * demand every malformed or hostile variant an SP must refuse (the cases of issue #3 part 6 and of AgID's
 * spid-sp-test). Independent of the identity service's code on purpose: two implementations checking each other.
 */

export interface SamlCredentials {
  privateKey: string;
  certificate: string;
}

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const ENTITY = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';
const TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const HMAC_SHA1 = 'http://www.w3.org/2000/09/xmldsig#hmac-sha1';

export const SPID_STATUS = {
  success: SUCCESS,
  requester: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  authnFailed: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
} as const;

/** A fresh RSA-2048 key and a self-signed certificate, PEM (a test IdP's, or an attacker's). */
export function createSelfSignedCredentials(options: { commonName?: string; days?: number } = {}): SamlCredentials {
  return createPlatformSelfSigned({
    commonName: options.commonName ?? 'Profila test IdP',
    organizationName: 'Profila test',
    days: options.days ?? 365,
  });
}

function certBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

function instant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function childNamed(parent: XmlElement, ns: string, localName: string): XmlElement | undefined {
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    const el = n as XmlElement;
    if (n.nodeType === 1 && el.namespaceURI === ns && el.localName === localName) return el;
  }
  return undefined;
}

function newId(): string {
  return `_${randomBytes(16).toString('hex')}`;
}

/** Enveloped signature on the first element named `localName`, placed after its Issuer (or first, for metadata). */
function sign(
  xml: string,
  localName: string,
  credentials: SamlCredentials,
  placement: 'after-issuer' | 'first-child' = 'after-issuer',
  algorithm: 'sha256' | 'sha1' | 'hmac-sha1' = 'sha256',
): string {
  const target = `(//*[local-name(.)='${localName}'])[1]`;
  // HMAC keyed with the IdP's public certificate: the key-confusion forgery anyone holding the metadata can make.
  const hmac = algorithm === 'hmac-sha1';
  const sig = new SignedXml({
    privateKey: hmac ? credentials.certificate : credentials.privateKey,
    publicCert: hmac ? undefined : credentials.certificate,
    signatureAlgorithm: hmac ? HMAC_SHA1 : algorithm === 'sha1' ? RSA_SHA1 : RSA_SHA256,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  if (hmac) sig.enableHMAC();
  sig.addReference({
    xpath: target,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm:
      algorithm === 'sha256' ? 'http://www.w3.org/2001/04/xmlenc#sha256' : 'http://www.w3.org/2000/09/xmldsig#sha1',
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location:
      placement === 'after-issuer'
        ? { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' }
        : { reference: target, action: 'prepend' },
  });
  return sig.getSignedXml();
}

/** `null` removes the attribute or element; `undefined` keeps the correct value. */
type Override<T> = T | null | undefined;

export interface TestResponseInput {
  /** ID of the AuthnRequest being answered. */
  inResponseTo: string;
  /** Our ACS URL: Destination and Recipient. */
  acsUrl: string;
  /** The SP entityID: Audience. */
  spEntityId: string;
  /** Default L2. */
  level?: 'L1' | 'L2' | 'L3';
  /** Default: the first test citizen. */
  citizen?: TestCitizen;
  /** Extra or replaced attributes. */
  attributes?: Record<string, string>;
  now?: Date;
}

/** Every knob of a Response: override a value, `null` to omit it. */
export interface TestResponseVariant {
  // Response
  responseId?: Override<string>;
  version?: Override<string>;
  issueInstant?: Override<string>;
  destination?: Override<string>;
  inResponseTo?: Override<string>;
  issuer?: Override<string>;
  issuerFormat?: Override<string>;
  /** A non-success status; the Response then carries no Assertion unless `keepAssertion`. */
  status?: { code: string; subCode?: string; message?: string } | null;
  keepAssertion?: boolean;
  omitAssertion?: boolean;
  // Assertion
  assertionId?: Override<string>;
  assertionVersion?: Override<string>;
  assertionIssueInstant?: Override<string>;
  assertionIssuer?: Override<string>;
  assertionIssuerFormat?: Override<string>;
  nameId?: Override<string>;
  nameIdFormat?: Override<string>;
  nameQualifier?: Override<string>;
  subjectConfirmationMethod?: Override<string>;
  recipient?: Override<string>;
  subjectInResponseTo?: Override<string>;
  subjectNotOnOrAfter?: Override<string>;
  omitConditions?: boolean;
  notBefore?: Override<string>;
  notOnOrAfter?: Override<string>;
  audience?: Override<string>;
  omitAuthnStatement?: boolean;
  authnContextClassRef?: Override<string>;
  sessionIndex?: string;
  /** `true`: an AttributeStatement without attributes. */
  emptyAttributeStatement?: boolean;
  omitAttributeStatement?: boolean;
  omitFiscalNumber?: boolean;
  /** Shifts every validity instant into the past so that the Response has expired. */
  expired?: boolean;
  // Signatures
  signAssertion?: boolean;
  signResponse?: boolean;
  /** Sign with a key the SP does not trust. */
  signWith?: SamlCredentials;
  /** SHA-1 (forbidden by SPID); HMAC-SHA1 keyed with the IdP's certificate (a forgery). */
  signatureAlgorithm?: 'sha256' | 'sha1' | 'hmac-sha1';
  // Attacks applied after signing
  /** Change a signed value: the fiscalNumber inside the assertion, or the Response IssueInstant. */
  tamper?: 'assertion' | 'response' | ((xml: string) => string);
  /**
   * XML signature wrapping: a forged assertion (another citizen) is placed where the SP looks, the genuinely signed
   * one is hidden in Response/Extensions, inside the forged assertion, or inside the forged Signature's Object.
   * The XSW1-8 forms of "On Breaking SAML" (Somorovsky et al., 2012) and a few more:
   * - `xsw1`: a forged Response (new ID, forged assertion) whose copied Signature holds the genuine Response in Object;
   * - `xsw2`: the same with the genuine Response a sibling before the copied Signature (detached);
   * - `xsw3`: a forged assertion with the genuine one's ID, before the genuine one;
   * - `xsw4` = `inside-forged-assertion`; `xsw6` = `signature-object`; `xsw7` = `extensions`;
   * - `xsw5`: a forged assertion carrying a copy of the genuine signature, the genuine one after it;
   * - `xsw8`: a forged assertion whose copied Signature holds, in Object, the genuine one stripped of its signature;
   * - `status-detail`: the genuine assertion in Status/StatusDetail, a forged one (copied signature) in its place;
   * - `moved`: the genuine assertion moved into Response/Extensions, nothing in its place;
   * - `duplicate-id`: an Extensions element carrying the genuine assertion's ID besides the assertion itself.
   */
  wrap?:
    | 'extensions'
    | 'inside-forged-assertion'
    | 'signature-object'
    | 'xsw1'
    | 'xsw2'
    | 'xsw3'
    | 'xsw5'
    | 'xsw8'
    | 'status-detail'
    | 'moved'
    | 'duplicate-id';
  /** Insert an XML comment in the middle of the NameID and of the fiscalNumber value, after signing. */
  commentsInValues?: boolean;
  /** Replace the certificate in each signature's KeyInfo by this one's, after signing (the signature stays valid). */
  keyInfoCertificate?: SamlCredentials;
  /** A second, validly signed assertion for another citizen, after the first. */
  secondAssertion?: boolean;
}

function a(name: string, value: Override<string>, fallback: string): string {
  if (value === null) return '';
  return ` ${name}="${esc(value ?? fallback)}"`;
}

export interface TestSamlIdpOptions {
  /** entityID and base of the endpoint URLs. Default https://idp.test.profila.example */
  entityId?: string;
  credentials?: SamlCredentials;
}

export class TestSamlIdp {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly sloUrl: string;
  readonly credentials: SamlCredentials;

  constructor(options: TestSamlIdpOptions = {}) {
    this.entityId = options.entityId ?? 'https://idp.test.profila.example';
    this.ssoUrl = `${this.entityId}/sso`;
    this.sloUrl = `${this.entityId}/slo`;
    this.credentials = options.credentials ?? createSelfSignedCredentials({ commonName: this.entityId });
  }

  /** Signed IdP metadata (IDPSSODescriptor with both bindings for SSO and SLO). */
  metadata(options: { displayName?: string; unsigned?: boolean } = {}): string {
    const e = esc(this.entityId);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${MD}" xmlns:ds="${DS}" entityID="${e}" ID="${newId()}">
  <md:IDPSSODescriptor protocolSupportEnumeration="${SAMLP}" WantAuthnRequestsSigned="true">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(this.credentials.certificate)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="${POST}" Location="${esc(this.sloUrl)}"/>
    <md:SingleLogoutService Binding="${REDIRECT}" Location="${esc(this.sloUrl)}"/>
    <md:NameIDFormat>${TRANSIENT}</md:NameIDFormat>
    <md:SingleSignOnService Binding="${POST}" Location="${esc(this.ssoUrl)}"/>
    <md:SingleSignOnService Binding="${REDIRECT}" Location="${esc(this.ssoUrl)}"/>
  </md:IDPSSODescriptor>
  <md:Organization>
    <md:OrganizationName xml:lang="it">${esc(options.displayName ?? 'Test IdP')}</md:OrganizationName>
    <md:OrganizationDisplayName xml:lang="it">${esc(options.displayName ?? 'Test IdP')}</md:OrganizationDisplayName>
    <md:OrganizationURL xml:lang="it">${e}</md:OrganizationURL>
  </md:Organization>
</md:EntityDescriptor>`;
    return options.unsigned ? xml : sign(xml, 'EntityDescriptor', this.credentials, 'first-child');
  }

  /** The assertion XML (unsigned), with xmlns declarations of its own so it can be signed standalone. */
  private assertionXml(input: TestResponseInput, v: TestResponseVariant, now: number, citizen: TestCitizen): string {
    const shift = v.expired ? -20 * 60_000 : 0;
    const issued = instant(now + shift);
    const validUntil = instant(now + shift + 5 * 60_000);
    const level = input.level ?? 'L2';
    const attributes = { ...spidAttributesOf(citizen), ...input.attributes };
    if (v.omitFiscalNumber) delete attributes.fiscalNumber;
    const attributeXml = v.emptyAttributeStatement
      ? ''
      : Object.entries(attributes)
          .map(
            ([name, value]) =>
              `\n      <saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">${esc(value)}</saml:AttributeValue></saml:Attribute>`,
          )
          .join('');
    const issuer =
      v.assertionIssuer === null
        ? ''
        : `\n  <saml:Issuer${a('Format', v.assertionIssuerFormat, ENTITY)}>${esc(v.assertionIssuer ?? this.entityId)}</saml:Issuer>`;
    const nameId =
      v.nameId === null
        ? ''
        : `\n    <saml:NameID${a('Format', v.nameIdFormat, TRANSIENT)}${a('NameQualifier', v.nameQualifier, this.entityId)}>${esc(v.nameId ?? newId())}</saml:NameID>`;
    const conditions = v.omitConditions
      ? ''
      : `\n  <saml:Conditions${a('NotBefore', v.notBefore, issued)}${a('NotOnOrAfter', v.notOnOrAfter, validUntil)}>${
          v.audience === null
            ? ''
            : `\n    <saml:AudienceRestriction><saml:Audience>${esc(v.audience ?? input.spEntityId)}</saml:Audience></saml:AudienceRestriction>`
        }\n  </saml:Conditions>`;
    const authn = v.omitAuthnStatement
      ? ''
      : `\n  <saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${esc(v.sessionIndex ?? newId())}">
    <saml:AuthnContext>${
      v.authnContextClassRef === null
        ? ''
        : `<saml:AuthnContextClassRef>${esc(v.authnContextClassRef ?? `https://www.spid.gov.it/Spid${level}`)}</saml:AuthnContextClassRef>`
    }</saml:AuthnContext>
  </saml:AuthnStatement>`;
    const attributeStatement = v.omitAttributeStatement
      ? ''
      : `\n  <saml:AttributeStatement>${attributeXml}\n  </saml:AttributeStatement>`;
    return `<saml:Assertion xmlns:saml="${SAML}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"${a('ID', v.assertionId, newId())}${a('Version', v.assertionVersion, '2.0')}${a('IssueInstant', v.assertionIssueInstant, issued)}>${issuer}
  <saml:Subject>${nameId}
    <saml:SubjectConfirmation${a('Method', v.subjectConfirmationMethod, BEARER)}>
      <saml:SubjectConfirmationData${a('InResponseTo', v.subjectInResponseTo, input.inResponseTo)}${a('NotOnOrAfter', v.subjectNotOnOrAfter, validUntil)}${a('Recipient', v.recipient, input.acsUrl)}/>
    </saml:SubjectConfirmation>
  </saml:Subject>${conditions}${authn}${attributeStatement}
</saml:Assertion>`;
  }

  private signedAssertion(input: TestResponseInput, v: TestResponseVariant, now: number, citizen: TestCitizen): string {
    const xml = this.assertionXml(input, v, now, citizen);
    if (v.signAssertion === false) return xml;
    if (v.assertionId === null) return xml; // nothing to reference
    return sign(xml, 'Assertion', v.signWith ?? this.credentials, 'after-issuer', v.signatureAlgorithm);
  }

  /** A SPID Response as XML text. */
  response(input: TestResponseInput, variant: TestResponseVariant = {}): string {
    const v = variant;
    const now = (input.now ?? new Date()).getTime();
    const citizen = input.citizen ?? testCitizens()[0];
    const shift = v.expired ? -20 * 60_000 : 0;
    const status = v.status ?? { code: SUCCESS };
    const failed = status.code !== SUCCESS;
    const withAssertion = !v.omitAssertion && (!failed || v.keepAssertion);
    const assertion = withAssertion ? `\n  ${this.signedAssertion(input, v, now, citizen)}` : '';
    const statusXml =
      v.status === null
        ? ''
        : `\n  <samlp:Status><samlp:StatusCode Value="${esc(status.code)}">${
            status.subCode ? `<samlp:StatusCode Value="${esc(status.subCode)}"/>` : ''
          }</samlp:StatusCode>${status.message ? `<samlp:StatusMessage>${esc(status.message)}</samlp:StatusMessage>` : ''}</samlp:Status>`;
    const issuer =
      v.issuer === null
        ? ''
        : `\n  <saml:Issuer${a('Format', v.issuerFormat, ENTITY)}>${esc(v.issuer ?? this.entityId)}</saml:Issuer>`;
    let xml = `<samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}"${a('ID', v.responseId, newId())}${a('Version', v.version, '2.0')}${a('IssueInstant', v.issueInstant, instant(now + shift))}${a('Destination', v.destination, input.acsUrl)}${a('InResponseTo', v.inResponseTo, input.inResponseTo)}>${issuer}${statusXml}${assertion}
</samlp:Response>`;
    if (v.signResponse !== false && v.responseId !== null && v.issuer !== null) {
      xml = sign(xml, 'Response', v.signWith ?? this.credentials, 'after-issuer', v.signatureAlgorithm);
    }
    if (v.secondAssertion) {
      const other = testCitizens().find((c) => c.fiscalNumber !== citizen.fiscalNumber)!;
      xml = xml.replace('</samlp:Response>', `${this.signedAssertion(input, {}, now, other)}\n</samlp:Response>`);
    }
    if (v.wrap) xml = this.wrap(xml, input, now, citizen, v.wrap);
    if (v.commentsInValues) {
      const fiscal = `TINIT-${citizen.fiscalNumber}`;
      if (!xml.includes(fiscal)) throw new Error('no fiscalNumber to comment');
      xml = xml.replace(fiscal, `${fiscal.slice(0, 9)}<!-- a comment -->${fiscal.slice(9)}`);
      xml = xml.replace(/(<saml:NameID[^>]*>)(_[0-9a-f]{4})/, '$1$2<!---->');
    }
    if (v.keyInfoCertificate) {
      const body = certBody(v.keyInfoCertificate.certificate);
      xml = xml.replace(/(<ds:X509Certificate>)[^<]*(<\/ds:X509Certificate>)/g, `$1${body}$2`);
    }
    if (v.tamper === 'assertion') {
      const fiscal = `TINIT-${citizen.fiscalNumber}`;
      const other = testCitizens().find((c) => c.fiscalNumber !== citizen.fiscalNumber)!;
      if (!xml.includes(fiscal)) throw new Error('nothing to tamper with');
      xml = xml.replace(fiscal, `TINIT-${other.fiscalNumber}`);
    } else if (v.tamper === 'response') {
      xml = xml.replace(
        /(<samlp:Response[^>]*IssueInstant=")([^"]+)(")/,
        (_m, p1: string, value: string, p3: string) => {
          return `${p1}${instant(new Date(value).getTime() - 1000)}${p3}`;
        },
      );
    } else if (typeof v.tamper === 'function') {
      xml = v.tamper(xml);
    }
    return xml;
  }

  /** The Response, Base64-encoded as the HTTP-POST binding carries it. */
  encodedResponse(input: TestResponseInput, variant: TestResponseVariant = {}): string {
    return Buffer.from(this.response(input, variant), 'utf8').toString('base64');
  }

  private wrap(
    xml: string,
    input: TestResponseInput,
    now: number,
    citizen: TestCitizen,
    kind: NonNullable<TestResponseVariant['wrap']>,
  ): string {
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const response = doc.documentElement!;
    const original = doc.getElementsByTagNameNS(SAML, 'Assertion')[0];
    if (!original) throw new Error('no assertion to wrap');
    const victim = testCitizens().find((c) => c.fiscalNumber !== citizen.fiscalNumber)!;
    const forgedXml = this.assertionXml(input, {}, now, victim);
    const forged = new DOMParser().parseFromString(forgedXml, 'text/xml').documentElement!;
    const imported = doc.importNode(forged, true);
    const originalSignature = childNamed(original, DS, 'Signature');
    const issuerOf = (el: XmlElement) => childNamed(el, SAML, 'Issuer')!;
    const withCopiedSignature = () => {
      if (originalSignature) imported.insertBefore(originalSignature.cloneNode(true), issuerOf(imported).nextSibling);
      return imported;
    };
    if (kind === 'xsw1' || kind === 'xsw2') {
      // The whole genuine Response moves into a forged one that carries the forged assertion.
      const genuine = response.cloneNode(true) as XmlElement;
      response.setAttribute('ID', newId());
      response.replaceChild(imported, original);
      const signature = childNamed(response, DS, 'Signature');
      if (!signature) throw new Error('xsw1 and xsw2 need a signed Response');
      if (kind === 'xsw1') {
        const object = doc.createElementNS(DS, 'ds:Object');
        object.appendChild(genuine);
        signature.appendChild(object);
      } else {
        response.insertBefore(genuine, signature);
      }
      return new XMLSerializer().serializeToString(doc);
    }
    if (kind === 'xsw3') {
      imported.setAttribute('ID', original.getAttribute('ID')!);
      response.insertBefore(imported, original);
      return new XMLSerializer().serializeToString(doc);
    }
    if (kind === 'xsw5') {
      response.insertBefore(withCopiedSignature(), original);
      return new XMLSerializer().serializeToString(doc);
    }
    if (kind === 'duplicate-id') {
      const extensions = doc.createElementNS(SAMLP, 'samlp:Extensions');
      const decoy = doc.createElementNS(SAMLP, 'samlp:Decoy');
      decoy.setAttribute('ID', original.getAttribute('ID')!);
      extensions.appendChild(decoy);
      response.insertBefore(extensions, issuerOf(response).nextSibling);
      return new XMLSerializer().serializeToString(doc);
    }
    response.removeChild(original);
    switch (kind) {
      case 'extensions': {
        // Genuine assertion under Response/Extensions; the forged one (with a copy of the genuine signature) in place.
        const extensions = doc.createElementNS(SAMLP, 'samlp:Extensions');
        extensions.appendChild(original);
        response.insertBefore(extensions, issuerOf(response).nextSibling);
        response.appendChild(withCopiedSignature());
        break;
      }
      case 'moved': {
        const extensions = doc.createElementNS(SAMLP, 'samlp:Extensions');
        extensions.appendChild(original);
        response.insertBefore(extensions, issuerOf(response).nextSibling);
        break;
      }
      case 'status-detail': {
        const status = childNamed(response, SAMLP, 'Status')!;
        const detail = doc.createElementNS(SAMLP, 'samlp:StatusDetail');
        detail.appendChild(original);
        status.appendChild(detail);
        response.appendChild(withCopiedSignature());
        break;
      }
      case 'inside-forged-assertion':
        imported.appendChild(original);
        response.appendChild(imported);
        break;
      case 'signature-object':
      case 'xsw8': {
        if (!originalSignature) throw new Error('nothing signed to wrap');
        const signature = originalSignature.cloneNode(true) as XmlElement;
        const object = doc.createElementNS(DS, 'ds:Object');
        if (kind === 'xsw8') original.removeChild(originalSignature);
        object.appendChild(original);
        signature.appendChild(object);
        imported.insertBefore(signature, issuerOf(imported).nextSibling);
        response.appendChild(imported);
        break;
      }
    }
    return new XMLSerializer().serializeToString(doc);
  }

  /** An IdP-initiated LogoutRequest (HTTP-POST: signed XML, Base64). */
  logoutRequest(input: {
    destination: string;
    nameId: string;
    nameQualifier?: string;
    sessionIndex?: string;
    issuer?: string;
    unsigned?: boolean;
    now?: Date;
  }): { id: string; xml: string; encoded: string } {
    const id = newId();
    const xml = `<samlp:LogoutRequest xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${id}" Version="2.0" IssueInstant="${instant((input.now ?? new Date()).getTime())}" Destination="${esc(input.destination)}">
  <saml:Issuer Format="${ENTITY}">${esc(input.issuer ?? this.entityId)}</saml:Issuer>
  <saml:NameID Format="${TRANSIENT}" NameQualifier="${esc(input.nameQualifier ?? this.entityId)}">${esc(input.nameId)}</saml:NameID>${
    input.sessionIndex ? `\n  <samlp:SessionIndex>${esc(input.sessionIndex)}</samlp:SessionIndex>` : ''
  }
</samlp:LogoutRequest>`;
    const out = input.unsigned ? xml : sign(xml, 'LogoutRequest', this.credentials);
    return { id, xml: out, encoded: Buffer.from(out).toString('base64') };
  }

  /** The IdP's LogoutResponse to an SP-initiated LogoutRequest (HTTP-POST: signed XML, Base64). */
  logoutResponse(input: {
    destination: string;
    inResponseTo: string;
    statusCode?: string;
    issuer?: string;
    unsigned?: boolean;
    now?: Date;
  }): { id: string; xml: string; encoded: string } {
    const id = newId();
    const xml = `<samlp:LogoutResponse xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${id}" Version="2.0" IssueInstant="${instant((input.now ?? new Date()).getTime())}" Destination="${esc(input.destination)}" InResponseTo="${esc(input.inResponseTo)}">
  <saml:Issuer Format="${ENTITY}">${esc(input.issuer ?? this.entityId)}</saml:Issuer>
  <samlp:Status><samlp:StatusCode Value="${esc(input.statusCode ?? SUCCESS)}"/></samlp:Status>
</samlp:LogoutResponse>`;
    const out = input.unsigned ? xml : sign(xml, 'LogoutResponse', this.credentials);
    return { id, xml: out, encoded: Buffer.from(out).toString('base64') };
  }

  /** HTTP-Redirect binding query string (without `?`) of an unsigned XML message, signed over the query. */
  redirectQuery(
    param: 'SAMLRequest' | 'SAMLResponse',
    xml: string,
    relayState?: string,
    signWith?: SamlCredentials,
  ): string {
    let query = `${param}=${encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString('base64'))}`;
    if (relayState !== undefined) query += `&RelayState=${encodeURIComponent(relayState)}`;
    query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
    const signature = createSign('sha256')
      .update(query)
      .sign((signWith ?? this.credentials).privateKey, 'base64');
    return `${query}&Signature=${encodeURIComponent(signature)}`;
  }
}
