// The SP's ACS against crafted Responses: a correct one logs in, every malformed or hostile one is refused with its
// code (issue #3 part 6, and the KO cases of AgID's spid-sp-test). The IdP is a real signer (xml-crypto); nothing of
// the SP is mocked.
import { isValidCodiceFiscale } from '@profila/italian';
import { createSelfSignedCredentials, SPID_STATUS, type TestResponseVariant } from '@profila/testing';
import { testCitizen, testCitizens } from '@profila/embedded';
import { SamlErrorCode, SamlValidationError } from '../src/saml/saml-validation.error.js';
import type { SpidResponseValidatorOptions } from '../src/saml/response-validator.js';
import type { SpidLevel } from '../src/saml/spid-level.js';
import { ACS_URL, samlWorld, type SamlWorld } from './saml-fixtures.js';

let world: SamlWorld;

beforeAll(async () => {
  world = await samlWorld();
});

async function refused(
  variant: TestResponseVariant,
  options: { validator?: Partial<SpidResponseValidatorOptions>; requested?: SpidLevel; asserted?: SpidLevel } = {},
): Promise<SamlValidationError> {
  const { input, relayState } = await world.login({ level: options.requested ?? 'L2' });
  const validator = options.validator ? world.validatorWith(options.validator) : world.validator;
  const outcome = await validator
    .validate({
      SAMLResponse: world.idp.encodedResponse({ ...input, level: options.asserted ?? input.level }, variant),
      RelayState: relayState,
    })
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  expect(outcome).toBeInstanceOf(SamlValidationError);
  return outcome as SamlValidationError;
}

describe('a correct SPID Response', () => {
  test('logs the citizen in with the attributes, level and ids the session and the register need', async () => {
    const citizen = testCitizen('giulia-bianchi');
    const { input, relayState, requestId } = await world.login({ level: 'L2' });
    const xml = world.idp.response({ ...input, citizen });
    const result = await world.validator.validate({
      SAMLResponse: Buffer.from(xml).toString('base64'),
      RelayState: relayState,
    });

    expect(result.citizen).toMatchObject({
      fiscalNumber: 'BNCGLI92L55F205A',
      name: 'Giulia',
      familyName: 'Bianchi',
      dateOfBirth: '1992-07-15',
      gender: 'F',
      email: citizen.email,
      mobilePhone: citizen.mobilePhone,
    });
    expect(result.citizen.raw.fiscalNumber).toBe('TINIT-BNCGLI92L55F205A');
    expect(result).toMatchObject({
      level: 'L2',
      requestedLevel: 'L2',
      idp: world.idp.entityId,
      idpKind: 'spid',
      requestId,
    });
    expect(result.responseId).toBe(/ ID="([^"]+)"/.exec(xml)![1]);
    expect(result.nameId).toMatch(/^_/);
    expect(result.nameQualifier).toBe(world.idp.entityId);
    expect(result.sessionIndex).toMatch(/^_/);
  });

  test('a higher level than requested is accepted under Comparison=minimum', async () => {
    const { input, relayState } = await world.login({ level: 'L1' });
    const result = await world.validator.validate({
      SAMLResponse: world.idp.encodedResponse({ ...input, level: 'L3' }),
      RelayState: relayState,
    });
    expect(result.level).toBe('L3');
    expect(result.requestedLevel).toBe('L1');
  });

  test('the Response Issuer may omit Format, IssueInstant may carry milliseconds (spid-sp-test 31, 110)', async () => {
    const { input, relayState } = await world.login();
    const now = new Date();
    const result = await world.validator.validate({
      SAMLResponse: world.idp.encodedResponse(input, { issuerFormat: null, issueInstant: now.toISOString() }),
      RelayState: relayState,
    });
    expect(result.citizen.fiscalNumber).toBe(testCitizen('mario-rossi').fiscalNumber);
  });

  test('a Response signed only on the assertion passes when the SP does not require a signed Response', async () => {
    const { input, relayState } = await world.login();
    const validator = world.validatorWith({ requireSignedResponse: false });
    const result = await validator.validate({
      SAMLResponse: world.idp.encodedResponse(input, { signResponse: false }),
      RelayState: relayState,
    });
    expect(result.level).toBe('L2');
  });

  test('every test citizen logs in and carries a valid codice fiscale', async () => {
    expect(testCitizens().length).toBeGreaterThanOrEqual(10);
    for (const citizen of testCitizens()) {
      expect(isValidCodiceFiscale(citizen.fiscalNumber)).toBe(true);
      const { input, relayState } = await world.login();
      const result = await world.validator.validate({
        SAMLResponse: world.idp.encodedResponse({ ...input, citizen }),
        RelayState: relayState,
      });
      expect(result.citizen.fiscalNumber).toBe(citizen.fiscalNumber);
      expect(result.citizen.familyName).toBe(citizen.familyName);
    }
  });
});

describe('replay and request binding', () => {
  test('the same Response posted twice is refused the second time', async () => {
    const { input, relayState } = await world.login();
    const SAMLResponse = world.idp.encodedResponse(input);
    await world.validator.validate({ SAMLResponse, RelayState: relayState });
    const replay = await world.validator.validate({ SAMLResponse, RelayState: relayState }).catch((e: unknown) => e);
    expect(replay).toBeInstanceOf(SamlValidationError);
    expect((replay as SamlValidationError).code).toBe(SamlErrorCode.REPLAYED_RESPONSE);
    expect((replay as SamlValidationError).message).toMatch(/già stata usata/);
  });

  test('a refused Response burns its request: a later correct answer to it is a replay', async () => {
    const { input, relayState } = await world.login();
    await expect(
      world.validator.validate({
        SAMLResponse: world.idp.encodedResponse(input, { audience: 'https://other.example' }),
        RelayState: relayState,
      }),
    ).rejects.toMatchObject({ code: SamlErrorCode.WRONG_AUDIENCE });
    await expect(
      world.validator.validate({ SAMLResponse: world.idp.encodedResponse(input), RelayState: relayState }),
    ).rejects.toMatchObject({ code: SamlErrorCode.REPLAYED_RESPONSE });
  });

  test('an unknown InResponseTo, a missing one (unsolicited) and an expired request are refused', async () => {
    expect((await refused({ inResponseTo: '_never-sent' })).code).toBe(SamlErrorCode.UNKNOWN_REQUEST);
    expect((await refused({ inResponseTo: null })).code).toBe(SamlErrorCode.MISSING_IN_RESPONSE_TO);

    const { input, relayState } = await world.login({ ttlMs: 1 });
    await new Promise((r) => setTimeout(r, 5));
    await expect(
      world.validator.validate({ SAMLResponse: world.idp.encodedResponse(input), RelayState: relayState }),
    ).rejects.toMatchObject({ code: SamlErrorCode.REQUEST_EXPIRED });
  });

  test('a RelayState other than the one sent is refused', async () => {
    const { input } = await world.login();
    await expect(
      world.validator.validate({ SAMLResponse: world.idp.encodedResponse(input), RelayState: 'forged' }),
    ).rejects.toMatchObject({ code: SamlErrorCode.RELAY_STATE_MISMATCH });
  });

  test('a Response whose validity ended is refused as expired', async () => {
    // The request went out 30 minutes ago; the IdP answered 20 minutes ago with a 5-minute validity.
    const { input, relayState } = await world.login({ now: new Date(Date.now() - 30 * 60_000), ttlMs: 60 * 60_000 });
    await expect(
      world.validator.validate({
        SAMLResponse: world.idp.encodedResponse(input, { expired: true }),
        RelayState: relayState,
      }),
    ).rejects.toMatchObject({ code: SamlErrorCode.EXPIRED });
  });
});

describe('signatures (issue #3 part 6)', () => {
  const untrusted = () => createSelfSignedCredentials({ commonName: 'attacker' });
  const lenient = { requireSignedResponse: false };
  const strict = {};

  test.each<[string, () => TestResponseVariant, SamlErrorCode, Partial<SpidResponseValidatorOptions>]>([
    [
      'no signature at all',
      () => ({ signAssertion: false, signResponse: false }),
      SamlErrorCode.MISSING_SIGNATURE,
      strict,
    ],
    [
      'no signature at all, lenient SP',
      () => ({ signAssertion: false, signResponse: false }),
      SamlErrorCode.MISSING_SIGNATURE,
      lenient,
    ],
    ['Response signed, Assertion not', () => ({ signAssertion: false }), SamlErrorCode.MISSING_SIGNATURE, strict],
    [
      'Response signed, Assertion not, lenient SP',
      () => ({ signAssertion: false }),
      SamlErrorCode.MISSING_SIGNATURE,
      lenient,
    ],
    [
      'Assertion signed, Response not (SP requires both)',
      () => ({ signResponse: false }),
      SamlErrorCode.MISSING_SIGNATURE,
      strict,
    ],
    [
      'signed by a key the SP does not trust',
      () => ({ signWith: untrusted() }),
      SamlErrorCode.INVALID_SIGNATURE,
      strict,
    ],
    [
      'signed by an untrusted key, lenient SP',
      () => ({ signWith: untrusted(), signResponse: false }),
      SamlErrorCode.INVALID_SIGNATURE,
      lenient,
    ],
    [
      'assertion content changed after signing',
      () => ({ tamper: 'assertion' }),
      SamlErrorCode.INVALID_SIGNATURE,
      strict,
    ],
    [
      'assertion changed after signing, lenient SP',
      () => ({ tamper: 'assertion', signResponse: false }),
      SamlErrorCode.INVALID_SIGNATURE,
      lenient,
    ],
    ['assertion signed but Response tampered', () => ({ tamper: 'response' }), SamlErrorCode.INVALID_SIGNATURE, strict],
    [
      'assertion signed but Response tampered, lenient SP',
      () => ({ tamper: 'response' }),
      SamlErrorCode.INVALID_SIGNATURE,
      lenient,
    ],
    [
      'SHA-1 signatures (forbidden by SPID)',
      () => ({ signatureAlgorithm: 'sha1' }),
      SamlErrorCode.INVALID_SIGNATURE,
      strict,
    ],
    [
      'XSW: genuine assertion hidden in Response/Extensions',
      () => ({ wrap: 'extensions' }),
      SamlErrorCode.SIGNATURE_WRAPPING,
      strict,
    ],
    [
      'XSW: Extensions, unsigned Response, lenient SP',
      () => ({ wrap: 'extensions', signResponse: false }),
      SamlErrorCode.SIGNATURE_WRAPPING,
      lenient,
    ],
    [
      'XSW: genuine assertion inside the forged one',
      () => ({ wrap: 'inside-forged-assertion', signResponse: false }),
      SamlErrorCode.SIGNATURE_WRAPPING,
      lenient,
    ],
    [
      'XSW: genuine assertion in the forged Signature/Object',
      () => ({ wrap: 'signature-object', signResponse: false }),
      SamlErrorCode.SIGNATURE_WRAPPING,
      lenient,
    ],
    [
      'a second, validly signed assertion',
      () => ({ secondAssertion: true }),
      SamlErrorCode.MULTIPLE_ASSERTIONS,
      strict,
    ],
    [
      'a second assertion, unsigned Response, lenient SP',
      () => ({ secondAssertion: true, signResponse: false }),
      SamlErrorCode.MULTIPLE_ASSERTIONS,
      lenient,
    ],
  ])('%s → refused', async (_name, variant, code, options) => {
    const error = await refused(variant(), { validator: options });
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/risposta del gestore dell'identità digitale non è valida/);
  });
});

describe('SPID rules on the Response and the Assertion', () => {
  test.each<[string, TestResponseVariant, SamlErrorCode]>([
    // Response
    ['Response without ID', { responseId: null, signResponse: false }, SamlErrorCode.INVALID_ID],
    ['Response Version 1.0', { version: '1.0' }, SamlErrorCode.INVALID_VERSION],
    ['Response without IssueInstant', { issueInstant: null }, SamlErrorCode.INVALID_ISSUE_INSTANT],
    ['Response IssueInstant malformed', { issueInstant: '2024-13-01 10:00' }, SamlErrorCode.INVALID_ISSUE_INSTANT],
    [
      'Response IssueInstant before the request',
      { issueInstant: '2018-01-01T00:00:00Z' },
      SamlErrorCode.INVALID_ISSUE_INSTANT,
    ],
    [
      'Response IssueInstant in the future',
      { issueInstant: '2099-01-01T00:00:00Z' },
      SamlErrorCode.INVALID_ISSUE_INSTANT,
    ],
    ['wrong Destination', { destination: 'https://evil.example/acs' }, SamlErrorCode.WRONG_DESTINATION],
    ['no Destination', { destination: null }, SamlErrorCode.WRONG_DESTINATION],
    ['Status missing', { status: null }, SamlErrorCode.INVALID_STATUS],
    ['wrong Issuer (another IdP)', { issuer: 'https://evil-idp.example' }, SamlErrorCode.WRONG_ISSUER],
    ['no Issuer', { issuer: null }, SamlErrorCode.WRONG_ISSUER],
    [
      'Issuer Format not entity',
      { issuerFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' },
      SamlErrorCode.WRONG_ISSUER,
    ],
    ['success without Assertion', { omitAssertion: true }, SamlErrorCode.MISSING_ASSERTION],
    // Assertion
    ['Assertion Version 1.0', { assertionVersion: '1.0' }, SamlErrorCode.INVALID_VERSION],
    ['Assertion IssueInstant malformed', { assertionIssueInstant: 'yesterday' }, SamlErrorCode.INVALID_ISSUE_INSTANT],
    [
      'Assertion IssueInstant before the request',
      { assertionIssueInstant: '2018-01-01T00:00:00Z' },
      SamlErrorCode.INVALID_ISSUE_INSTANT,
    ],
    ['Assertion Issuer of another IdP', { assertionIssuer: 'https://evil-idp.example' }, SamlErrorCode.WRONG_ISSUER],
    ['Assertion Issuer without Format', { assertionIssuerFormat: null }, SamlErrorCode.WRONG_ISSUER],
    ['NameID missing', { nameId: null }, SamlErrorCode.INVALID_SUBJECT],
    [
      'NameID Format persistent',
      { nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' },
      SamlErrorCode.INVALID_SUBJECT,
    ],
    ['NameID without Format', { nameIdFormat: null }, SamlErrorCode.INVALID_SUBJECT],
    ['NameID without NameQualifier', { nameQualifier: null }, SamlErrorCode.INVALID_SUBJECT],
    [
      'SubjectConfirmation Method not bearer',
      { subjectConfirmationMethod: 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key' },
      SamlErrorCode.INVALID_SUBJECT_CONFIRMATION,
    ],
    ['wrong Recipient', { recipient: 'https://evil.example/acs' }, SamlErrorCode.WRONG_RECIPIENT],
    ['no Recipient', { recipient: null }, SamlErrorCode.WRONG_RECIPIENT],
    [
      'SubjectConfirmationData InResponseTo of another request',
      { subjectInResponseTo: '_another' },
      SamlErrorCode.IN_RESPONSE_TO_MISMATCH,
    ],
    [
      'SubjectConfirmationData without NotOnOrAfter',
      { subjectNotOnOrAfter: null },
      SamlErrorCode.INVALID_SUBJECT_CONFIRMATION,
    ],
    [
      'SubjectConfirmationData NotOnOrAfter passed',
      { subjectNotOnOrAfter: '2020-01-01T00:00:00Z' },
      SamlErrorCode.EXPIRED,
    ],
    ['no Conditions', { omitConditions: true }, SamlErrorCode.INVALID_CONDITIONS],
    ['Conditions without NotBefore', { notBefore: null }, SamlErrorCode.INVALID_CONDITIONS],
    ['Conditions NotBefore ahead', { notBefore: '2099-01-01T00:00:00Z' }, SamlErrorCode.NOT_YET_VALID],
    ['Conditions without NotOnOrAfter', { notOnOrAfter: null }, SamlErrorCode.INVALID_CONDITIONS],
    ['Conditions NotOnOrAfter passed', { notOnOrAfter: '2020-01-01T00:00:00Z' }, SamlErrorCode.EXPIRED],
    ['wrong Audience', { audience: 'https://other-sp.example' }, SamlErrorCode.WRONG_AUDIENCE],
    ['no AudienceRestriction', { audience: null }, SamlErrorCode.WRONG_AUDIENCE],
    ['no AuthnStatement', { omitAuthnStatement: true }, SamlErrorCode.INVALID_AUTHN_CONTEXT],
    ['no AuthnContextClassRef', { authnContextClassRef: null }, SamlErrorCode.INVALID_AUTHN_CONTEXT],
    [
      'pre-2017 class ref urn:…:SpidL2',
      { authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SpidL2' },
      SamlErrorCode.INVALID_AUTHN_CONTEXT,
    ],
    ['empty AttributeStatement', { emptyAttributeStatement: true }, SamlErrorCode.MISSING_ATTRIBUTES],
    ['no AttributeStatement', { omitAttributeStatement: true }, SamlErrorCode.MISSING_ATTRIBUTES],
    ['no fiscalNumber', { omitFiscalNumber: true }, SamlErrorCode.MISSING_ATTRIBUTES],
  ])('%s → refused', async (_name, variant, code) => {
    expect((await refused(variant)).code).toBe(code);
  });

  test('fiscalNumber must be TINIT-<a codice fiscale with a correct check character>', async () => {
    const wrongCheck = async (fiscalNumber: string) => {
      const { input, relayState } = await world.login();
      return world.validator
        .validate({
          SAMLResponse: world.idp.encodedResponse({ ...input, attributes: { fiscalNumber } }),
          RelayState: relayState,
        })
        .catch((e: unknown) => e as SamlValidationError);
    };
    expect(await wrongCheck('TINIT-RSSMRA80A01H501X')).toMatchObject({ code: SamlErrorCode.INVALID_FISCAL_NUMBER });
    expect(await wrongCheck('RSSMRA80A01H501U')).toMatchObject({ code: SamlErrorCode.INVALID_FISCAL_NUMBER });
    expect(await wrongCheck('TINIT-rssmra80a01h501u')).toMatchObject({
      citizen: expect.objectContaining({ fiscalNumber: 'RSSMRA80A01H501U' }),
    });
  });

  test('a level lower than requested is refused (Comparison=minimum and exact)', async () => {
    const low = await refused({}, { requested: 'L2', asserted: 'L1' });
    expect(low.code).toBe(SamlErrorCode.LEVEL_TOO_LOW);
    expect(low.message).toMatch(/livello di sicurezza/);
    expect((await refused({}, { requested: 'L3', asserted: 'L2' })).code).toBe(SamlErrorCode.LEVEL_TOO_LOW);

    const { input, relayState } = await world.login({ level: 'L2', comparison: 'exact' });
    await expect(
      world.validator.validate({
        SAMLResponse: world.idp.encodedResponse({ ...input, level: 'L3' }),
        RelayState: relayState,
      }),
    ).rejects.toMatchObject({ code: SamlErrorCode.LEVEL_TOO_LOW });
  });

  test('garbage, non-SAML XML and DOCTYPE are refused as malformed', async () => {
    const post = async (SAMLResponse: string) =>
      world.validator.validate({ SAMLResponse }).catch((e: unknown) => e as SamlValidationError);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(await post('%%%not base64%%%')).toMatchObject({ code: SamlErrorCode.MALFORMED_MESSAGE });
    expect(await post(b64('<unclosed'))).toMatchObject({ code: SamlErrorCode.MALFORMED_MESSAGE });
    expect(await post(b64('<html><body>hi</body></html>'))).toMatchObject({ code: SamlErrorCode.MALFORMED_MESSAGE });
    expect(
      await post(
        b64(
          '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>',
        ),
      ),
    ).toMatchObject({ code: SamlErrorCode.MALFORMED_MESSAGE });
  });
});

describe('IdP errors become clear Italian messages', () => {
  const authnFailed = (message?: string): TestResponseVariant => ({
    status: { code: SPID_STATUS.responder, subCode: SPID_STATUS.authnFailed, message },
  });

  test.each<[string, SamlErrorCode, RegExp, number?]>([
    ['ErrorCode nr19', SamlErrorCode.IDP_TOO_MANY_ATTEMPTS, /troppe volte credenziali errate/, 19],
    ['ErrorCode nr20', SamlErrorCode.IDP_NO_COMPATIBLE_CREDENTIALS, /livello di sicurezza richiesto/, 20],
    ['ErrorCode nr21', SamlErrorCode.IDP_TIMEOUT, /Tempo scaduto/, 21],
    ['ErrorCode nr22', SamlErrorCode.IDP_CONSENT_DENIED, /negato il consenso/, 22],
    ['ErrorCode nr23', SamlErrorCode.IDP_CREDENTIALS_SUSPENDED, /sospesa o revocata/, 23],
    ['ErrorCode nr25', SamlErrorCode.IDP_USER_CANCELLED, /Accesso annullato/, 25],
    ['ErrorCode nr30', SamlErrorCode.IDP_IDENTITY_TYPE_NOT_ACCEPTED, /tipo di identità digitale/, 30],
    ['ErrorCode nr08', SamlErrorCode.IDP_REQUEST_REJECTED, /non ha accettato la richiesta/, 8],
  ])('%s → %s', async (message, code, text, spidErrorCode) => {
    const error = await refused(authnFailed(message));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(text);
    expect(error.details).toMatchObject({
      spidErrorCode,
      statusCode: SPID_STATUS.responder,
      subStatusCode: SPID_STATUS.authnFailed,
      idp: world.idp.entityId,
    });
  });

  test('a non-success status without SPID ErrorCode is a generic authentication failure', async () => {
    const error = await refused(authnFailed());
    expect(error.code).toBe(SamlErrorCode.IDP_AUTHN_FAILED);
    expect(error.httpStatus()).toBe(403);
  });

  test('an error status still has to come from the IdP we asked and to our ACS', async () => {
    expect((await refused({ ...authnFailed('ErrorCode nr25'), issuer: 'https://evil-idp.example' })).code).toBe(
      SamlErrorCode.WRONG_ISSUER,
    );
    expect((await refused({ ...authnFailed('ErrorCode nr25'), destination: `${ACS_URL}/other` })).code).toBe(
      SamlErrorCode.WRONG_DESTINATION,
    );
  });
});
