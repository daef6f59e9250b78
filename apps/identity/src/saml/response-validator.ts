import { isValidCodiceFiscale } from '@profila/italian';
import type { AuthnRequestStore, StoredAuthnRequest } from './authn-request-store.js';
import { decodeBase64Strict } from './bindings.js';
import type { IdpDescriptor, IdpKind } from './idp-registry.js';
import { CM_BEARER, NAMEID_FORMAT, NS, SAML_VERSION, STATUS } from './saml-constants.js';
import {
  codeForIdpStatus,
  parseSpidErrorCode,
  SamlErrorCode,
  SamlValidationError,
  type SamlErrorDetails,
} from './saml-validation.error.js';
import type { SpConfig } from './sp-config.js';
import { toCitizenAttributes, type CitizenAttributes } from './spid-attributes.js';
import { levelOfClassRef, levelSatisfies, type SpidLevel } from './spid-level.js';
import { indexDocument, verifySignatureInPlace, type DocumentIndex } from './one-pass-signature.js';
import { checkSignatureShape, signatureChildren } from './xml-signature.js';
import {
  attr,
  childElement,
  childElements,
  parseSamlInstant,
  parseXml,
  textOf,
  type XmlDocument,
  type XmlElement,
} from './xml.js';

/** Looks IdPs up by entityID (the IdpRegistry does). */
export interface IdpLookup {
  get(entityId: string): IdpDescriptor | undefined;
}

export interface SpidResponseValidatorOptions<R extends StoredAuthnRequest = StoredAuthnRequest> {
  sp: Pick<SpConfig, 'entityId' | 'acsUrl'>;
  idps: IdpLookup;
  requests: AuthnRequestStore<R>;
  /** Tolerated clock difference with the IdP. Default 30 s. */
  clockSkewMs?: number;
  /**
   * Require the Response itself to be signed, besides the Assertion (always required). Default true: every SPID IdP
   * signs both. A Response signature that is present is always verified.
   */
  requireSignedResponse?: boolean;
  /** Full codice fiscale check (check character). Default `isValidCodiceFiscale` from @profila/italian. */
  isValidFiscalNumber?: (cf: string) => boolean;
  now?: () => Date;
}

/** What the ACS receives from the browser. */
export interface AcsPost {
  SAMLResponse: string;
  RelayState?: string;
}

/** A successful SPID/CIE login. */
export interface SpidLoginResult<R extends StoredAuthnRequest = StoredAuthnRequest> {
  /** The request this Response answered, as the store returned it when consuming it (no second read needed). */
  request: R;
  citizen: CitizenAttributes;
  /** The level the IdP asserted (≥ the requested one under `minimum`). */
  level: SpidLevel;
  requestedLevel: SpidLevel;
  idp: string;
  idpKind: IdpKind;
  requestId: string;
  responseId: string;
  assertionId: string;
  /** AuthnStatement SessionIndex: needed for single logout. */
  sessionIndex?: string;
  /** Transient NameID and its NameQualifier: needed for single logout. */
  nameId: string;
  nameQualifier: string;
  issueInstant: Date;
  authnInstant?: Date;
  relayState?: string;
}

interface AssertionFacts {
  assertionId: string;
  nameId: string;
  nameQualifier: string;
  sessionIndex?: string;
  level: SpidLevel;
  authnInstant?: Date;
  citizen: CitizenAttributes;
}

/**
 * The strict SPID check of a `<samlp:Response>` at our AssertionConsumerService, in one pass over one parsed document.
 *
 * Order: decode and parse once (hardened: no DTD, no entities, size limit), index every element and ID in one walk →
 * Response attributes (ID, Version, IssueInstant, InResponseTo) → the request is consumed from the store (single
 * use: a replay fails here) → Destination, IssueInstant window, Issuer, Status (IdP errors become typed errors with
 * Italian messages) → structure against signature wrapping (exactly one Assertion, a direct child; no Assertion or
 * Signature anywhere else), signatures present and of an allowed shape, algorithm and KeyInfo, no ID twice → every
 * SPID rule on that Assertion element (precise error codes) → each signature (Response and Assertion) verified once,
 * over that very element (`verifySignatureInPlace`: exclusive c14n, SHA-256/512 digest, RSA-SHA256/512 with the
 * IdP's keys from its metadata). The result is built only from the element whose signature verified; nothing of it
 * leaves this method unless both signatures hold.
 */
export class SpidResponseValidator<R extends StoredAuthnRequest = StoredAuthnRequest> {
  private readonly skewMs: number;
  private readonly requireSignedResponse: boolean;
  private readonly now: () => Date;

  constructor(private readonly options: SpidResponseValidatorOptions<R>) {
    this.skewMs = options.clockSkewMs ?? 30_000;
    this.requireSignedResponse = options.requireSignedResponse ?? true;
    this.now = options.now ?? (() => new Date());
  }

  async validate(post: AcsPost): Promise<SpidLoginResult<R>> {
    const now = this.now();
    const ctx: Omit<SamlErrorDetails, 'reason'> = {};
    const fail = (code: SamlErrorCode, reason: string, extra: Partial<SamlErrorDetails> = {}) =>
      new SamlValidationError(code, { ...ctx, ...extra, reason });

    let xml: string;
    let doc: XmlDocument;
    try {
      xml = decodeBase64Strict(post.SAMLResponse ?? '').toString('utf8');
      doc = parseXml(xml);
    } catch (err) {
      throw fail(SamlErrorCode.MALFORMED_MESSAGE, `unreadable SAMLResponse: ${(err as Error).message}`);
    }
    const index = indexDocument(doc);
    const response = index.root;
    if (response.namespaceURI !== NS.samlp || response.localName !== 'Response') {
      throw fail(SamlErrorCode.MALFORMED_MESSAGE, `not a samlp:Response but ${response.nodeName}`);
    }

    const responseId = attr(response, 'ID');
    if (!responseId) throw fail(SamlErrorCode.INVALID_ID, 'Response ID missing or empty');
    ctx.responseId = responseId;
    if (attr(response, 'Version') !== SAML_VERSION) {
      throw fail(SamlErrorCode.INVALID_VERSION, `Response Version ${attr(response, 'Version') ?? 'missing'}`);
    }
    const issueInstant = parseSamlInstant(attr(response, 'IssueInstant'));
    if (!issueInstant) throw fail(SamlErrorCode.INVALID_ISSUE_INSTANT, 'Response IssueInstant missing or malformed');
    const inResponseTo = attr(response, 'InResponseTo');
    if (!inResponseTo) throw fail(SamlErrorCode.MISSING_IN_RESPONSE_TO, 'Response InResponseTo missing or empty');
    ctx.requestId = inResponseTo;

    const consumed = await this.options.requests.consume(inResponseTo, now);
    switch (consumed.status) {
      case 'unknown':
        throw fail(SamlErrorCode.UNKNOWN_REQUEST, 'InResponseTo matches no request of ours');
      case 'already-consumed':
        throw fail(SamlErrorCode.REPLAYED_RESPONSE, 'the request was already answered', { idp: consumed.request.idp });
      case 'expired':
        throw fail(SamlErrorCode.REQUEST_EXPIRED, 'the request expired', { idp: consumed.request.idp });
      case 'consumed':
        break;
    }
    const request = consumed.request;
    ctx.idp = request.idp;

    if (request.relayState !== undefined && post.RelayState !== request.relayState) {
      throw fail(SamlErrorCode.RELAY_STATE_MISMATCH, 'RelayState differs from the one sent');
    }
    const destination = attr(response, 'Destination');
    if (destination !== this.options.sp.acsUrl) {
      throw fail(SamlErrorCode.WRONG_DESTINATION, `Destination ${destination ?? 'missing'}`);
    }
    this.checkInstantWindow(issueInstant, request, now, 'Response', fail);
    this.checkIssuer(response, request.idp, false, fail);
    this.checkStatus(response, fail);

    const idp = this.options.idps.get(request.idp);
    if (!idp) throw fail(SamlErrorCode.UNKNOWN_IDP, `IdP ${request.idp} is not configured any more`);

    const assertion = this.checkStructure(index, fail);
    const responseSignatures = signatureChildren(response);
    if (responseSignatures.length === 0 && this.requireSignedResponse) {
      throw fail(SamlErrorCode.MISSING_SIGNATURE, 'the Response is not signed');
    }
    if (signatureChildren(assertion).length === 0) {
      throw fail(SamlErrorCode.MISSING_SIGNATURE, 'the Assertion is not signed');
    }
    const signed = responseSignatures.length > 0 ? [response, assertion] : [assertion];
    for (const element of signed) {
      try {
        checkSignatureShape(element, {
          trustedCertificates: idp.signingCertificates,
          duplicateIds: index.duplicateIds,
        });
      } catch (err) {
        throw fail(SamlErrorCode.INVALID_SIGNATURE, `${element.localName} signature: ${(err as Error).message}`);
      }
    }
    const verify = (element: XmlElement) => {
      try {
        verifySignatureInPlace(element, index, idp.signingCertificates);
      } catch (err) {
        throw fail(SamlErrorCode.INVALID_SIGNATURE, `${element.localName} signature: ${(err as Error).message}`);
      }
    };
    // A Response signature the SP does not require is checked before the assertion's rules (as the SP always did).
    if (responseSignatures.length > 0 && !this.requireSignedResponse) verify(response);
    // The SPID rules on the assertion element: precise codes for what a verifier would only call "invalid".
    const facts = this.checkAssertion(assertion, request, idp, now, fail);
    // Then each signature once, over the element just read: facts leave only if both hold.
    if (responseSignatures.length > 0 && this.requireSignedResponse) verify(response);
    verify(assertion);

    return {
      request,
      citizen: facts.citizen,
      level: facts.level,
      requestedLevel: request.level,
      idp: idp.entityId,
      idpKind: idp.kind,
      requestId: request.id,
      responseId,
      assertionId: facts.assertionId,
      sessionIndex: facts.sessionIndex,
      nameId: facts.nameId,
      nameQualifier: facts.nameQualifier,
      issueInstant,
      authnInstant: facts.authnInstant,
      relayState: post.RelayState,
    };
  }

  private checkInstantWindow(
    instant: Date,
    request: StoredAuthnRequest,
    now: Date,
    what: string,
    fail: (code: SamlErrorCode, reason: string) => SamlValidationError,
  ): void {
    if (instant.getTime() < request.issuedAt.getTime() - this.skewMs) {
      throw fail(SamlErrorCode.INVALID_ISSUE_INSTANT, `${what} IssueInstant precedes the request`);
    }
    if (instant.getTime() > now.getTime() + this.skewMs) {
      throw fail(SamlErrorCode.INVALID_ISSUE_INSTANT, `${what} IssueInstant is in the future`);
    }
  }

  /** Issuer = the IdP we asked. Format may be omitted on the Response, must be `entity` on the Assertion. */
  private checkIssuer(
    parent: XmlElement,
    idp: string,
    formatRequired: boolean,
    fail: (code: SamlErrorCode, reason: string) => SamlValidationError,
  ): void {
    const issuers = childElements(parent, NS.saml, 'Issuer');
    if (issuers.length !== 1) throw fail(SamlErrorCode.WRONG_ISSUER, `${parent.localName} Issuer missing`);
    const value = textOf(issuers[0]);
    if (value !== idp) throw fail(SamlErrorCode.WRONG_ISSUER, `${parent.localName} Issuer ${value} is not ${idp}`);
    const format = attr(issuers[0], 'Format');
    if ((formatRequired || format !== undefined) && format !== NAMEID_FORMAT.entity) {
      throw fail(SamlErrorCode.WRONG_ISSUER, `${parent.localName} Issuer Format ${format ?? 'missing'}`);
    }
  }

  private checkStatus(
    response: XmlElement,
    fail: (code: SamlErrorCode, reason: string, extra?: Partial<SamlErrorDetails>) => SamlValidationError,
  ): void {
    const statuses = childElements(response, NS.samlp, 'Status');
    if (statuses.length !== 1) throw fail(SamlErrorCode.INVALID_STATUS, 'Status missing');
    const statusCode = childElement(statuses[0], NS.samlp, 'StatusCode');
    const value = attr(statusCode, 'Value');
    if (!statusCode || !value) throw fail(SamlErrorCode.INVALID_STATUS, 'StatusCode missing or empty');
    if (value === STATUS.success) return;
    const subStatusCode = attr(childElement(statusCode, NS.samlp, 'StatusCode'), 'Value');
    const message = textOf(childElement(statuses[0], NS.samlp, 'StatusMessage'));
    const spidErrorCode = parseSpidErrorCode(message);
    throw fail(codeForIdpStatus(spidErrorCode), `IdP status ${value} ${subStatusCode ?? ''} ${message ?? ''}`.trim(), {
      statusCode: value,
      subStatusCode,
      spidErrorCode,
    });
  }

  /**
   * Exactly one Assertion, a direct child of the Response, and signatures only where SAML puts them. Wrapping attacks
   * hide the genuinely signed assertion elsewhere in the document: any extra Assertion or Signature is refused.
   */
  private checkStructure(
    index: DocumentIndex,
    fail: (code: SamlErrorCode, reason: string) => SamlValidationError,
  ): XmlElement {
    const response = index.root;
    const everything = index.elements;
    if (everything.some((el) => el.localName === 'EncryptedAssertion')) {
      throw fail(SamlErrorCode.MALFORMED_MESSAGE, 'encrypted assertions are not used in SPID');
    }
    const everywhere = everything.filter((el) => el.localName === 'Assertion');
    const direct = everywhere.filter((el) => el.parentNode === response);
    if (everywhere.length === 0) throw fail(SamlErrorCode.MISSING_ASSERTION, 'no Assertion in a success Response');
    if (direct.length > 1) throw fail(SamlErrorCode.MULTIPLE_ASSERTIONS, `${direct.length} assertions`);
    if (direct.length !== 1 || everywhere.length !== 1) {
      throw fail(SamlErrorCode.SIGNATURE_WRAPPING, 'an Assertion is nested where SAML does not put one');
    }
    const assertion = direct[0];
    if (assertion.namespaceURI !== NS.saml)
      throw fail(SamlErrorCode.MALFORMED_MESSAGE, 'Assertion in a foreign namespace');
    for (const signature of everything.filter((el) => el.localName === 'Signature')) {
      if (signature.parentNode !== response && signature.parentNode !== assertion) {
        throw fail(SamlErrorCode.SIGNATURE_WRAPPING, 'a Signature outside the Response and the Assertion');
      }
    }
    return assertion;
  }

  /** Every SPID rule on the assertion (AgID technical rules; the spid-sp-test response cases 33-99). */
  private checkAssertion(
    assertion: XmlElement,
    request: StoredAuthnRequest,
    idp: IdpDescriptor,
    now: Date,
    fail: (code: SamlErrorCode, reason: string) => SamlValidationError,
  ): AssertionFacts {
    const sp = this.options.sp;
    if (assertion.namespaceURI !== NS.saml || assertion.localName !== 'Assertion') {
      throw fail(SamlErrorCode.MALFORMED_MESSAGE, 'the signed element is not an Assertion');
    }
    const assertionId = attr(assertion, 'ID');
    if (!assertionId) throw fail(SamlErrorCode.INVALID_ID, 'Assertion ID missing or empty');
    if (attr(assertion, 'Version') !== SAML_VERSION) throw fail(SamlErrorCode.INVALID_VERSION, 'Assertion Version');
    const issueInstant = parseSamlInstant(attr(assertion, 'IssueInstant'));
    if (!issueInstant) throw fail(SamlErrorCode.INVALID_ISSUE_INSTANT, 'Assertion IssueInstant missing or malformed');
    this.checkInstantWindow(issueInstant, request, now, 'Assertion', fail);
    this.checkIssuer(assertion, idp.entityId, true, fail);

    // Subject: transient NameID with NameQualifier, one bearer confirmation bound to our request and ACS.
    const subjects = childElements(assertion, NS.saml, 'Subject');
    if (subjects.length !== 1) throw fail(SamlErrorCode.INVALID_SUBJECT, 'Subject missing');
    const nameIds = childElements(subjects[0], NS.saml, 'NameID');
    const nameId = textOf(nameIds[0]);
    if (nameIds.length !== 1 || !nameId) throw fail(SamlErrorCode.INVALID_SUBJECT, 'NameID missing or empty');
    if (attr(nameIds[0], 'Format') !== NAMEID_FORMAT.transient) {
      throw fail(SamlErrorCode.INVALID_SUBJECT, `NameID Format ${attr(nameIds[0], 'Format') ?? 'missing'}`);
    }
    const nameQualifier = attr(nameIds[0], 'NameQualifier');
    if (!nameQualifier) throw fail(SamlErrorCode.INVALID_SUBJECT, 'NameID NameQualifier missing or empty');

    const confirmations = childElements(subjects[0], NS.saml, 'SubjectConfirmation');
    if (confirmations.length !== 1) {
      throw fail(SamlErrorCode.INVALID_SUBJECT_CONFIRMATION, `${confirmations.length} SubjectConfirmation`);
    }
    if (attr(confirmations[0], 'Method') !== CM_BEARER) {
      throw fail(SamlErrorCode.INVALID_SUBJECT_CONFIRMATION, 'SubjectConfirmation Method is not bearer');
    }
    const dataElements = childElements(confirmations[0], NS.saml, 'SubjectConfirmationData');
    if (dataElements.length !== 1) throw fail(SamlErrorCode.INVALID_SUBJECT_CONFIRMATION, 'SubjectConfirmationData');
    const data = dataElements[0];
    const recipient = attr(data, 'Recipient');
    if (recipient !== sp.acsUrl) throw fail(SamlErrorCode.WRONG_RECIPIENT, `Recipient ${recipient ?? 'missing'}`);
    const confirmationInResponseTo = attr(data, 'InResponseTo');
    if (confirmationInResponseTo !== request.id) {
      throw fail(SamlErrorCode.IN_RESPONSE_TO_MISMATCH, 'SubjectConfirmationData InResponseTo is not the request');
    }
    const confirmationNotOnOrAfter = parseSamlInstant(attr(data, 'NotOnOrAfter'));
    if (!confirmationNotOnOrAfter) {
      throw fail(
        SamlErrorCode.INVALID_SUBJECT_CONFIRMATION,
        'SubjectConfirmationData NotOnOrAfter missing or malformed',
      );
    }
    if (now.getTime() - this.skewMs >= confirmationNotOnOrAfter.getTime()) {
      throw fail(SamlErrorCode.EXPIRED, 'SubjectConfirmationData NotOnOrAfter has passed');
    }
    const confirmationNotBefore = attr(data, 'NotBefore');
    if (confirmationNotBefore !== undefined) {
      const notBefore = parseSamlInstant(confirmationNotBefore);
      if (!notBefore) throw fail(SamlErrorCode.INVALID_SUBJECT_CONFIRMATION, 'SubjectConfirmationData NotBefore');
      if (now.getTime() + this.skewMs < notBefore.getTime()) {
        throw fail(SamlErrorCode.NOT_YET_VALID, 'SubjectConfirmationData NotBefore is ahead');
      }
    }

    // Conditions: a validity window and our entityID as audience.
    const conditionsList = childElements(assertion, NS.saml, 'Conditions');
    if (conditionsList.length !== 1) throw fail(SamlErrorCode.INVALID_CONDITIONS, 'Conditions missing');
    const conditions = conditionsList[0];
    const notBefore = parseSamlInstant(attr(conditions, 'NotBefore'));
    const notOnOrAfter = parseSamlInstant(attr(conditions, 'NotOnOrAfter'));
    if (!notBefore) throw fail(SamlErrorCode.INVALID_CONDITIONS, 'Conditions NotBefore missing or malformed');
    if (!notOnOrAfter) throw fail(SamlErrorCode.INVALID_CONDITIONS, 'Conditions NotOnOrAfter missing or malformed');
    if (now.getTime() + this.skewMs < notBefore.getTime()) {
      throw fail(SamlErrorCode.NOT_YET_VALID, 'Conditions NotBefore is ahead');
    }
    if (now.getTime() - this.skewMs >= notOnOrAfter.getTime()) {
      throw fail(SamlErrorCode.EXPIRED, 'Conditions NotOnOrAfter has passed');
    }
    const restrictions = childElements(conditions, NS.saml, 'AudienceRestriction');
    if (restrictions.length === 0) throw fail(SamlErrorCode.WRONG_AUDIENCE, 'AudienceRestriction missing');
    for (const restriction of restrictions) {
      const audiences = childElements(restriction, NS.saml, 'Audience').map((a) => textOf(a));
      if (!audiences.includes(sp.entityId)) {
        throw fail(SamlErrorCode.WRONG_AUDIENCE, `Audience ${audiences.join(', ') || 'missing'}`);
      }
    }

    // AuthnStatement: the SPID level, at least the requested one.
    const statements = childElements(assertion, NS.saml, 'AuthnStatement');
    if (statements.length !== 1) throw fail(SamlErrorCode.INVALID_AUTHN_CONTEXT, 'AuthnStatement missing');
    const contexts = childElements(statements[0], NS.saml, 'AuthnContext');
    const classRefs = contexts.length === 1 ? childElements(contexts[0], NS.saml, 'AuthnContextClassRef') : [];
    if (classRefs.length !== 1) throw fail(SamlErrorCode.INVALID_AUTHN_CONTEXT, 'AuthnContextClassRef missing');
    const classRef = textOf(classRefs[0]) ?? '';
    const level = levelOfClassRef(classRef);
    if (!level) throw fail(SamlErrorCode.INVALID_AUTHN_CONTEXT, `AuthnContextClassRef ${classRef} is not a SPID level`);
    if (!levelSatisfies(level, request.level, request.comparison ?? 'minimum')) {
      throw fail(SamlErrorCode.LEVEL_TOO_LOW, `asserted ${level}, requested ${request.level}`);
    }

    // Attributes: a non-empty AttributeStatement with a valid fiscalNumber.
    const attributeStatements = childElements(assertion, NS.saml, 'AttributeStatement');
    const attributes = attributeStatements.flatMap((s) => childElements(s, NS.saml, 'Attribute'));
    if (attributeStatements.length !== 1 || attributes.length === 0) {
      throw fail(SamlErrorCode.MISSING_ATTRIBUTES, 'AttributeStatement missing or empty');
    }
    const raw: Record<string, string | string[]> = {};
    for (const attribute of attributes) {
      const name = attr(attribute, 'Name');
      if (!name) throw fail(SamlErrorCode.MISSING_ATTRIBUTES, 'an Attribute has no Name');
      const values = childElements(attribute, NS.saml, 'AttributeValue').map((v) => textOf(v) ?? '');
      raw[name] = values.length === 1 ? values[0] : values;
    }
    if (raw.fiscalNumber === undefined) throw fail(SamlErrorCode.MISSING_ATTRIBUTES, 'fiscalNumber not released');
    const citizen = toCitizenAttributes(raw);
    if (!citizen || !(this.options.isValidFiscalNumber ?? isValidCodiceFiscale)(citizen.fiscalNumber)) {
      throw fail(SamlErrorCode.INVALID_FISCAL_NUMBER, 'fiscalNumber is not TINIT-<valid codice fiscale>');
    }

    const sessionIndex = attr(statements[0], 'SessionIndex');
    return {
      assertionId,
      nameId,
      nameQualifier,
      sessionIndex: sessionIndex || undefined,
      level,
      authnInstant: parseSamlInstant(attr(statements[0], 'AuthnInstant')),
      citizen,
    };
  }
}
