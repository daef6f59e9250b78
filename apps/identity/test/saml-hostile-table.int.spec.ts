// Every hostile or malformed SPID Response we know of, run against BOTH verifiers: the one-pass SpidResponseValidator
// the ACS uses and the previous node-saml one (kept as an oracle until it is deleted). Each row must be refused with
// the same code by both — or, for the rows that are not attacks on the values (comments in signed text), accepted by
// both with the values the IdP signed. The IdP is a real signer (xml-crypto, @profila/testing); nothing is mocked.
import { createSelfSignedCredentials, SPID_STATUS, type TestResponseVariant } from '@profila/testing';
import { testCitizen } from '@profila/embedded';
import { NodeSamlResponseValidator } from '../src/saml/legacy-node-saml-validator.js';
import { indexDocument, publicKeyOf, verifySignatureInPlace } from '../src/saml/one-pass-signature.js';
import { parseXml, serializeXml } from '../src/saml/xml.js';
import {
  SpidResponseValidator,
  type SpidLoginResult,
  type SpidResponseValidatorOptions,
} from '../src/saml/response-validator.js';
import { SamlErrorCode, SamlValidationError } from '../src/saml/saml-validation.error.js';
import { samlWorld, type SamlWorld } from './saml-fixtures.js';

let world: SamlWorld;
beforeAll(async () => {
  world = await samlWorld();
});

type Verifier = 'one-pass' | 'node-saml (legacy)';
const VERIFIERS: Verifier[] = ['one-pass', 'node-saml (legacy)'];

function validator(verifier: Verifier, options: Partial<SpidResponseValidatorOptions>) {
  const all = { sp: world.sp, idps: world.registry, requests: world.store, ...options };
  return verifier === 'one-pass' ? new SpidResponseValidator(all) : new NodeSamlResponseValidator(all);
}

const untrusted = createSelfSignedCredentials({ commonName: 'attacker' });
const lenient = { requireSignedResponse: false };
const strict = {};
const idOf = (xml: string, element: 'Response' | 'Assertion') =>
  new RegExp(`<(?:samlp|saml):${element}[^>]* ID="([^"]+)"`).exec(xml)![1];

interface Row {
  name: string;
  variant: TestResponseVariant;
  expected: SamlErrorCode;
  options?: Partial<SpidResponseValidatorOptions>;
}

const wrapping: Row[] = (
  [
    ['XSW1: genuine Response inside the forged Response Signature/Object', 'xsw1', strict],
    ['XSW2: genuine Response detached before the forged Response Signature', 'xsw2', strict],
    ['XSW3: forged assertion with the genuine ID before the genuine one', 'xsw3', strict],
    ['XSW3, lenient SP', 'xsw3', lenient, false],
    ['XSW4: genuine assertion inside the forged one', 'inside-forged-assertion', strict],
    ['XSW4, lenient SP', 'inside-forged-assertion', lenient, false],
    ['XSW5: forged assertion with a copied signature, genuine one after it', 'xsw5', strict],
    ['XSW5, lenient SP', 'xsw5', lenient, false],
    ['XSW6: genuine assertion in the forged Signature/Object', 'signature-object', strict],
    ['XSW6, lenient SP', 'signature-object', lenient, false],
    ['XSW7: genuine assertion in Response/Extensions', 'extensions', strict],
    ['XSW7, lenient SP', 'extensions', lenient, false],
    ['XSW8: genuine assertion without its signature in the forged Signature/Object', 'xsw8', strict],
    ['XSW8, lenient SP', 'xsw8', lenient, false],
    ['genuine assertion in Status/StatusDetail, forged one in place', 'status-detail', strict],
    ['genuine assertion in Status/StatusDetail, lenient SP', 'status-detail', lenient, false],
    ['genuine assertion moved into Response/Extensions', 'moved', strict],
    ['genuine assertion moved, lenient SP', 'moved', lenient, false],
  ] as Array<[string, NonNullable<TestResponseVariant['wrap']>, Partial<SpidResponseValidatorOptions>, boolean?]>
).map(([name, wrap, options, signResponse]) => {
  const kind = wrap;
  const expected =
    kind === 'xsw3' || kind === 'xsw5' ? SamlErrorCode.MULTIPLE_ASSERTIONS : SamlErrorCode.SIGNATURE_WRAPPING;
  const variant: TestResponseVariant = signResponse === false ? { wrap: kind, signResponse: false } : { wrap: kind };
  return { name, variant, expected, options };
});

const signatures: Row[] = [
  {
    name: 'no signature at all',
    variant: { signAssertion: false, signResponse: false },
    expected: SamlErrorCode.MISSING_SIGNATURE,
  },
  {
    name: 'no signature at all, lenient SP',
    variant: { signAssertion: false, signResponse: false },
    expected: SamlErrorCode.MISSING_SIGNATURE,
    options: lenient,
  },
  {
    name: 'Response signed, Assertion not',
    variant: { signAssertion: false },
    expected: SamlErrorCode.MISSING_SIGNATURE,
  },
  {
    name: 'Assertion signed, Response not (SP requires both)',
    variant: { signResponse: false },
    expected: SamlErrorCode.MISSING_SIGNATURE,
  },
  {
    name: 'signed by a key the SP does not trust',
    variant: { signWith: untrusted },
    expected: SamlErrorCode.INVALID_SIGNATURE,
  },
  {
    name: 'signed by an untrusted key, lenient SP',
    variant: { signWith: untrusted, signResponse: false },
    expected: SamlErrorCode.INVALID_SIGNATURE,
    options: lenient,
  },
  {
    name: "KeyInfo carries another certificate than the IdP's (the IdP's key signed)",
    variant: { keyInfoCertificate: untrusted },
    expected: SamlErrorCode.INVALID_SIGNATURE,
  },
  {
    name: 'KeyInfo carries another certificate, lenient SP',
    variant: { keyInfoCertificate: untrusted, signResponse: false },
    expected: SamlErrorCode.INVALID_SIGNATURE,
    options: lenient,
  },
  {
    name: 'assertion content changed after signing',
    variant: { tamper: 'assertion' },
    expected: SamlErrorCode.INVALID_SIGNATURE,
  },
  {
    name: 'assertion changed after signing, lenient SP',
    variant: { tamper: 'assertion', signResponse: false },
    expected: SamlErrorCode.INVALID_SIGNATURE,
    options: lenient,
  },
  {
    name: 'Response changed after signing',
    variant: { tamper: 'response' },
    expected: SamlErrorCode.INVALID_SIGNATURE,
  },
  {
    name: 'Response changed after signing, lenient SP (a present signature must hold)',
    variant: { tamper: 'response' },
    expected: SamlErrorCode.INVALID_SIGNATURE,
    options: lenient,
  },
  { name: 'SHA-1 signatures', variant: { signatureAlgorithm: 'sha1' }, expected: SamlErrorCode.INVALID_SIGNATURE },
  {
    name: 'SHA-1, lenient SP',
    variant: { signatureAlgorithm: 'sha1', signResponse: false },
    expected: SamlErrorCode.INVALID_SIGNATURE,
    options: lenient,
  },
  {
    name: "HMAC-SHA1 keyed with the IdP's public certificate",
    variant: { signatureAlgorithm: 'hmac-sha1' },
    expected: SamlErrorCode.INVALID_SIGNATURE,
  },
  {
    name: 'HMAC-SHA1, lenient SP',
    variant: { signatureAlgorithm: 'hmac-sha1', signResponse: false },
    expected: SamlErrorCode.INVALID_SIGNATURE,
    options: lenient,
  },
  {
    name: "the assertion's Signature references the Response instead",
    variant: {
      tamper: (xml) => {
        const assertionId = idOf(xml, 'Assertion');
        return xml.replace(`URI="#${assertionId}"`, `URI="#${idOf(xml, 'Response')}"`);
      },
    },
    expected: SamlErrorCode.INVALID_SIGNATURE,
  },
  {
    name: "the Response's Signature references the assertion instead",
    variant: {
      tamper: (xml) => xml.replace(`URI="#${idOf(xml, 'Response')}"`, `URI="#${idOf(xml, 'Assertion')}"`),
    },
    expected: SamlErrorCode.INVALID_SIGNATURE,
  },
  {
    name: 'a reference to an ID that appears twice (an Extensions element carries it too)',
    variant: { wrap: 'duplicate-id' },
    expected: SamlErrorCode.INVALID_SIGNATURE,
  },
  {
    name: 'a reference to an ID that appears twice, lenient SP',
    variant: { wrap: 'duplicate-id', signResponse: false },
    expected: SamlErrorCode.INVALID_SIGNATURE,
    options: lenient,
  },
  {
    name: 'a second, validly signed assertion',
    variant: { secondAssertion: true },
    expected: SamlErrorCode.MULTIPLE_ASSERTIONS,
  },
  {
    name: 'a second assertion, lenient SP',
    variant: { secondAssertion: true, signResponse: false },
    expected: SamlErrorCode.MULTIPLE_ASSERTIONS,
    options: lenient,
  },
  {
    name: 'a Signature elsewhere (inside the AttributeStatement)',
    variant: {
      tamper: (xml) => {
        const signature = /<ds:Signature[\s\S]*?<\/ds:Signature>/.exec(xml)![0];
        return xml.replace('<saml:AttributeStatement>', `<saml:AttributeStatement>${signature}`);
      },
    },
    expected: SamlErrorCode.SIGNATURE_WRAPPING,
  },
];

const rules: Row[] = (
  [
    ['Response without ID', { responseId: null, signResponse: false }, SamlErrorCode.INVALID_ID],
    ['Response Version 1.0', { version: '1.0' }, SamlErrorCode.INVALID_VERSION],
    ['Response without IssueInstant', { issueInstant: null }, SamlErrorCode.INVALID_ISSUE_INSTANT],
    [
      'Response IssueInstant in the future',
      { issueInstant: '2099-01-01T00:00:00Z' },
      SamlErrorCode.INVALID_ISSUE_INSTANT,
    ],
    ['wrong Destination', { destination: 'https://evil.example/acs' }, SamlErrorCode.WRONG_DESTINATION],
    ['Status missing', { status: null }, SamlErrorCode.INVALID_STATUS],
    ['wrong Issuer', { issuer: 'https://evil-idp.example' }, SamlErrorCode.WRONG_ISSUER],
    ['success without Assertion', { omitAssertion: true }, SamlErrorCode.MISSING_ASSERTION],
    ['unknown InResponseTo', { inResponseTo: '_never-sent' }, SamlErrorCode.UNKNOWN_REQUEST],
    ['Assertion without ID (so unsigned)', { assertionId: null }, SamlErrorCode.MISSING_SIGNATURE],
    ['Assertion Version 1.0', { assertionVersion: '1.0' }, SamlErrorCode.INVALID_VERSION],
    ['Assertion Issuer of another IdP', { assertionIssuer: 'https://evil-idp.example' }, SamlErrorCode.WRONG_ISSUER],
    ['NameID missing', { nameId: null }, SamlErrorCode.INVALID_SUBJECT],
    ['NameID without NameQualifier', { nameQualifier: null }, SamlErrorCode.INVALID_SUBJECT],
    ['wrong Recipient', { recipient: 'https://evil.example/acs' }, SamlErrorCode.WRONG_RECIPIENT],
    [
      'SubjectConfirmationData of another request',
      { subjectInResponseTo: '_x' },
      SamlErrorCode.IN_RESPONSE_TO_MISMATCH,
    ],
    ['Conditions NotBefore ahead', { notBefore: '2099-01-01T00:00:00Z' }, SamlErrorCode.NOT_YET_VALID],
    ['Conditions NotOnOrAfter passed', { notOnOrAfter: '2020-01-01T00:00:00Z' }, SamlErrorCode.EXPIRED],
    ['wrong Audience', { audience: 'https://other-sp.example' }, SamlErrorCode.WRONG_AUDIENCE],
    ['no AuthnStatement', { omitAuthnStatement: true }, SamlErrorCode.INVALID_AUTHN_CONTEXT],
    ['no fiscalNumber', { omitFiscalNumber: true }, SamlErrorCode.MISSING_ATTRIBUTES],
    [
      'IdP anomaly ErrorCode nr22',
      { status: { code: SPID_STATUS.responder, subCode: SPID_STATUS.authnFailed, message: 'ErrorCode nr22' } },
      SamlErrorCode.IDP_CONSENT_DENIED,
    ],
  ] as Array<[string, TestResponseVariant, SamlErrorCode]>
).map(([name, variant, expected]) => ({ name, variant, expected }));

const table: Row[] = [...wrapping, ...signatures, ...rules];

async function run(verifier: Verifier, variant: TestResponseVariant, options: Partial<SpidResponseValidatorOptions>) {
  const { input, relayState } = await world.login();
  const citizen = testCitizen('giulia-bianchi');
  return validator(verifier, options)
    .validate({ SAMLResponse: world.idp.encodedResponse({ ...input, citizen }, variant), RelayState: relayState })
    .then(
      (result: SpidLoginResult) => result,
      (err: unknown) => err,
    );
}

describe.each(VERIFIERS)('the %s verifier', (verifier) => {
  test('accepts a correct Response (strict and lenient SP)', async () => {
    const strictResult = await run(verifier, {}, strict);
    expect(strictResult).toMatchObject({ citizen: { fiscalNumber: 'BNCGLI92L55F205A' }, level: 'L2' });
    const lenientResult = await run(verifier, { signResponse: false }, lenient);
    expect(lenientResult).toMatchObject({ citizen: { fiscalNumber: 'BNCGLI92L55F205A' } });
  });

  test.each(table.map((row) => [row.name, row] as const))('%s → refused', async (_name, row) => {
    const outcome = await run(verifier, row.variant, row.options ?? strict);
    expect(outcome).toBeInstanceOf(SamlValidationError);
    expect((outcome as SamlValidationError).code).toBe(row.expected);
  });

  test('comments inside the NameID and the fiscalNumber: the values read are the whole signed ones', async () => {
    const { input, relayState } = await world.login();
    const xml = world.idp.response({ ...input, citizen: testCitizen('giulia-bianchi') }, { commentsInValues: true });
    expect(xml).toContain('TINIT-BNC<!-- a comment -->GLI92L55F205A');
    expect(xml).toMatch(/<saml:NameID[^>]*>_[0-9a-f]{4}<!---->/);
    const nameId = /<saml:NameID[^>]*>([^<]*)<!---->([^<]*)</.exec(xml)!;
    const result = await validator(verifier, strict).validate({
      SAMLResponse: Buffer.from(xml).toString('base64'),
      RelayState: relayState,
    });
    expect(result.citizen.fiscalNumber).toBe('BNCGLI92L55F205A');
    expect(result.nameId).toBe(`${nameId[1]}${nameId[2]}`);
  });
});

test('every row is a real attack on the same Response the verifiers accept untouched', () => {
  // The table's names are unique and it holds the forms the issue lists.
  const names = table.map((row) => row.name);
  expect(new Set(names).size).toBe(names.length);
  for (const form of [
    'XSW1',
    'XSW2',
    'XSW3',
    'XSW4',
    'XSW5',
    'XSW6',
    'XSW7',
    'XSW8',
    'StatusDetail',
    'HMAC',
    'SHA-1',
    'KeyInfo',
  ]) {
    expect(names.some((n) => n.includes(form))).toBe(true);
  }
});

test("an IdP certificate's public key is imported once and reused", () => {
  const pem = world.idp.credentials.certificate;
  expect(publicKeyOf(pem)).toBe(publicKeyOf(pem));
  expect(publicKeyOf(pem).asymmetricKeyType).toBe('rsa');
});

describe('where the one-pass verifier is stricter than node-saml', () => {
  test('a comment inside a SignedInfo (the DigestValue split in two) is refused', async () => {
    const split = (xml: string) => xml.replace(/(<ds:DigestValue>[^<]{10})/, '$1<!---->');
    const outcome = await run('one-pass', { tamper: split }, strict);
    expect(outcome).toMatchObject({ code: SamlErrorCode.INVALID_SIGNATURE });
    // node-saml (xml-crypto) reads the reference from the canonical SignedInfo, where the comment is gone: it accepts.
    expect(await run('node-saml (legacy)', { tamper: split }, strict)).toMatchObject({ level: 'L2' });
  });
});

describe('verifySignatureInPlace', () => {
  const assertionOf = (root: ReturnType<typeof indexDocument>) =>
    root.elements.find((el) => el.localName === 'Assertion')!;

  test('verifies the Response and the Assertion of a parsed document and leaves the document as it was', async () => {
    const { input } = await world.login();
    const xml = world.idp.response(input);
    const doc = parseXml(xml);
    const before = serializeXml(doc);
    const index = indexDocument(doc);
    const certificates = [world.idp.credentials.certificate];
    verifySignatureInPlace(index.root, index, certificates);
    verifySignatureInPlace(assertionOf(index), index, certificates);
    expect(serializeXml(doc)).toBe(before);
  });

  test('a value changed in the parsed document no longer verifies, and the document is still left whole', async () => {
    const { input } = await world.login();
    const doc = parseXml(world.idp.response(input));
    const index = indexDocument(doc);
    const assertion = assertionOf(index);
    assertion.setAttribute('IssueInstant', '2020-01-01T00:00:00Z');
    const before = serializeXml(doc);
    expect(() => verifySignatureInPlace(assertion, index, [world.idp.credentials.certificate])).toThrow(/digest/);
    expect(() => verifySignatureInPlace(index.root, index, [world.idp.credentials.certificate])).toThrow(/digest/);
    expect(serializeXml(doc)).toBe(before);
  });

  test('only the trusted certificates verify: the IdP key is refused when another certificate is the trusted one', async () => {
    const { input } = await world.login();
    const index = indexDocument(parseXml(world.idp.response(input)));
    expect(() => verifySignatureInPlace(index.root, index, [untrusted.certificate])).toThrow(/trusted certificates/);
  });
});
