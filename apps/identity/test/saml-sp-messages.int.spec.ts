// Our SP metadata and AuthnRequest against every item of issue #3 part 1 (AgID SPID technical rules, Avviso n.29),
// asserted on the XML with namespace-aware XPath; signatures are checked with xml-crypto / node:crypto directly.
import { createVerify, X509Certificate } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import * as xpath from 'xpath';
import { bindAuthnRequest, buildAuthnRequestXml, createAuthnRequest } from '../src/saml/authn-request.js';
import { buildSpMetadata } from '../src/saml/sp-metadata.js';
import type { SpConfig } from '../src/saml/sp-config.js';
import { ACS_URL, SLO_URL, SP_ENTITY_ID, spConfig } from './saml-fixtures.js';

const NS = {
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  spid: 'https://spid.gov.it/saml-extensions',
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  xml: 'http://www.w3.org/XML/1998/namespace',
};
const select = xpath.useNamespaces(NS);
const IDP_SSO = 'https://idp.test.profila.example/sso';

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
}
function nodes(expr: string, doc: Node): Element[] {
  return select(expr, doc) as Element[];
}
function value(expr: string, doc: Node): string | undefined {
  const found = select(expr, doc) as Array<Attr | Element>;
  if (found.length === 0) return undefined;
  const first = found[0];
  return 'value' in first ? first.value : (first.textContent ?? '').trim();
}
function certBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}
/** Verifies the signature found in the document with the given certificate only (KeyInfo is not trusted). */
function signatureVerifies(xml: string, certificate: string): boolean {
  const doc = parse(xml);
  const signature = nodes('//ds:Signature', doc)[0];
  const sig = new SignedXml({ publicCert: certificate });
  sig.loadSignature(signature);
  return sig.checkSignature(xml);
}

describe('SP metadata', () => {
  let sp: SpConfig;
  let xml: string;
  let doc: Document;

  beforeAll(() => {
    sp = spConfig();
    xml = buildSpMetadata(sp);
    doc = parse(xml);
  });

  test('is an EntityDescriptor with our entityID, an ID and the spid namespace', () => {
    expect(value('/md:EntityDescriptor/@entityID', doc)).toBe(SP_ENTITY_ID);
    expect(value('/md:EntityDescriptor/@ID', doc)).toMatch(/^_[0-9a-f]{40}$/);
    expect(xml).toContain(`xmlns:spid="${NS.spid}"`);
  });

  test('is signed first thing: enveloped RSA-SHA256, exclusive c14n, SHA-256 digest, KeyInfo with our certificate', () => {
    const root = nodes('/md:EntityDescriptor', doc)[0];
    let first = root.firstChild;
    while (first && first.nodeType !== 1) first = first.nextSibling;
    expect((first as Element).localName).toBe('Signature');
    const id = value('/md:EntityDescriptor/@ID', doc);
    expect(value('/md:EntityDescriptor/ds:Signature/ds:SignedInfo/ds:Reference/@URI', doc)).toBe(`#${id}`);
    expect(value('//ds:SignatureMethod/@Algorithm', doc)).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(value('//ds:SignedInfo/ds:CanonicalizationMethod/@Algorithm', doc)).toBe(
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    );
    expect(value('//ds:Reference/ds:DigestMethod/@Algorithm', doc)).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
    expect(
      nodes('//ds:Reference/ds:Transforms/ds:Transform/@Algorithm', doc).map((a) => (a as unknown as Attr).value),
    ).toEqual(['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#']);
    expect(value('/md:EntityDescriptor/ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate', doc)).toBe(
      certBody(sp.credentials.certificate),
    );
    expect(signatureVerifies(xml, sp.credentials.certificate)).toBe(true);
    expect(signatureVerifies(xml.replace('Regione Esempio', 'Regione Falsa'), sp.credentials.certificate)).toBe(false);
  });

  test('SPSSODescriptor: SAML 2.0, AuthnRequestsSigned and WantAssertionsSigned true, signing key', () => {
    const d = '/md:EntityDescriptor/md:SPSSODescriptor';
    expect(value(`${d}/@protocolSupportEnumeration`, doc)).toBe('urn:oasis:names:tc:SAML:2.0:protocol');
    expect(value(`${d}/@AuthnRequestsSigned`, doc)).toBe('true');
    expect(value(`${d}/@WantAssertionsSigned`, doc)).toBe('true');
    expect(value(`${d}/md:KeyDescriptor/@use`, doc)).toBe('signing');
    expect(value(`${d}/md:KeyDescriptor[@use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate`, doc)).toBe(
      certBody(sp.credentials.certificate),
    );
  });

  test('SingleLogoutService (POST and Redirect), ACS index 0 default HTTP-POST, in schema order', () => {
    const d = '/md:EntityDescriptor/md:SPSSODescriptor';
    const slo = nodes(`${d}/md:SingleLogoutService`, doc);
    expect(slo.map((s) => s.getAttribute('Binding'))).toEqual([
      'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
      'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
    ]);
    expect(slo.every((s) => s.getAttribute('Location') === SLO_URL)).toBe(true);
    const acs = nodes(`${d}/md:AssertionConsumerService`, doc);
    expect(acs).toHaveLength(1);
    expect(acs[0].getAttribute('index')).toBe('0');
    expect(acs[0].getAttribute('isDefault')).toBe('true');
    expect(acs[0].getAttribute('Binding')).toBe('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    expect(acs[0].getAttribute('Location')).toBe(ACS_URL);
    const order = nodes(`${d}/*`, doc).map((e) => e.localName);
    expect(order).toEqual([
      'KeyDescriptor',
      'SingleLogoutService',
      'SingleLogoutService',
      'NameIDFormat',
      'AssertionConsumerService',
      'AttributeConsumingService',
    ]);
  });

  test('AttributeConsumingService index 0: Italian ServiceName and the requested SPID attributes', () => {
    const acs = '/md:EntityDescriptor/md:SPSSODescriptor/md:AttributeConsumingService';
    expect(value(`${acs}/@index`, doc)).toBe('0');
    expect(value(`${acs}/md:ServiceName[@xml:lang='it']`, doc)).toBe('Profila - Servizi Lavoro');
    expect(nodes(`${acs}/md:RequestedAttribute`, doc).map((a) => a.getAttribute('Name'))).toEqual([
      'spidCode',
      'name',
      'familyName',
      'fiscalNumber',
      'email',
      'mobilePhone',
      'dateOfBirth',
      'placeOfBirth',
      'gender',
      'address',
      'idCard',
      'digitalAddress',
    ]);
  });

  test('Organization in Italian', () => {
    for (const el of ['OrganizationName', 'OrganizationDisplayName', 'OrganizationURL']) {
      expect(value(`/md:EntityDescriptor/md:Organization/md:${el}[@xml:lang='it']`, doc)).toBeTruthy();
    }
    expect(value('/md:EntityDescriptor/md:Organization/md:OrganizationURL', doc)).toBe(
      'https://www.regione.example.it',
    );
  });

  test('ContactPerson "other" of a public SP: IPACode, empty Public, e-mail and phone (Avviso n.29)', () => {
    const c = "/md:EntityDescriptor/md:ContactPerson[@contactType='other']";
    expect(nodes(c, doc)).toHaveLength(1);
    expect(value(`${c}/md:Extensions/spid:IPACode`, doc)).toBe('r_esempio');
    expect(nodes(`${c}/md:Extensions/spid:Public`, doc)).toHaveLength(1);
    expect(value(`${c}/md:Extensions/spid:Public`, doc)).toBe('');
    expect(nodes(`${c}/md:Extensions/spid:Private`, doc)).toHaveLength(0);
    expect(value(`${c}/md:EmailAddress`, doc)).toBe('spid@regione.example.it');
    expect(value(`${c}/md:TelephoneNumber`, doc)).toBe('+390612345678');
  });

  test('ContactPerson of a private SP: VATNumber, FiscalCode, Private and Company = OrganizationName', () => {
    const priv = parse(
      buildSpMetadata({
        ...sp,
        organization: { name: 'Agenzia Lavoro Srl', displayName: 'Agenzia Lavoro', url: 'https://agenzia.example.it' },
        contact: {
          type: 'private',
          vatNumber: 'IT12345678903',
          fiscalCode: '12345678903',
          email: 'spid@agenzia.example.it',
        },
      }),
    );
    const c = "/md:EntityDescriptor/md:ContactPerson[@contactType='other']";
    expect(value(`${c}/md:Extensions/spid:VATNumber`, priv)).toBe('IT12345678903');
    expect(value(`${c}/md:Extensions/spid:FiscalCode`, priv)).toBe('12345678903');
    expect(nodes(`${c}/md:Extensions/spid:Private`, priv)).toHaveLength(1);
    expect(nodes(`${c}/md:Extensions/spid:IPACode`, priv)).toHaveLength(0);
    expect(value(`${c}/md:Company`, priv)).toBe('Agenzia Lavoro Srl');
  });

  test('values are XML-escaped', () => {
    const tricky = parse(buildSpMetadata({ ...sp, serviceName: 'Lavoro & <Formazione> "2"' }));
    expect(value("//md:ServiceName[@xml:lang='it']", tricky)).toBe('Lavoro & <Formazione> "2"');
  });
});

describe('AuthnRequest', () => {
  let sp: SpConfig;
  beforeAll(() => {
    sp = spConfig();
  });

  function postRequest(level: 'L1' | 'L2' | 'L3', comparison?: 'minimum' | 'exact') {
    const request = createAuthnRequest({ sp, destination: IDP_SSO, level, comparison, binding: 'HTTP-POST' });
    const xml = Buffer.from(request.post!.fields.SAMLRequest, 'base64').toString('utf8');
    return { request, xml, doc: parse(xml) };
  }

  test('POST binding: the form goes to the IdP with SAMLRequest and an opaque RelayState', () => {
    const { request } = postRequest('L2');
    expect(request.post!.action).toBe(IDP_SSO);
    expect(Object.keys(request.post!.fields).sort()).toEqual(['RelayState', 'SAMLRequest']);
    expect(request.post!.fields.RelayState).toBe(request.relayState);
    expect(request.relayState).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(request.relayState).not.toMatch(/^https?:|\//);
    expect(postRequest('L2').request.relayState).not.toBe(request.relayState);
  });

  test('ID (unique, starting with _), Version 2.0, UTC IssueInstant, Destination = IdP SSO URL', () => {
    const { request, doc } = postRequest('L2');
    const id = value('/samlp:AuthnRequest/@ID', doc)!;
    expect(id).toBe(request.id);
    expect(id).toMatch(/^_[0-9a-f]{40}$/);
    expect(postRequest('L2').request.id).not.toBe(id);
    expect(value('/samlp:AuthnRequest/@Version', doc)).toBe('2.0');
    const issueInstant = value('/samlp:AuthnRequest/@IssueInstant', doc)!;
    expect(issueInstant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Math.abs(new Date(issueInstant).getTime() - Date.now())).toBeLessThan(5000);
    expect(value('/samlp:AuthnRequest/@Destination', doc)).toBe(IDP_SSO);
  });

  test('ACS and AttributeConsumingService by index 0, no URL/ProtocolBinding, never IsPassive', () => {
    const { doc } = postRequest('L2');
    expect(value('/samlp:AuthnRequest/@AssertionConsumerServiceIndex', doc)).toBe('0');
    expect(value('/samlp:AuthnRequest/@AttributeConsumingServiceIndex', doc)).toBe('0');
    for (const absent of ['AssertionConsumerServiceURL', 'ProtocolBinding', 'IsPassive']) {
      expect(value(`/samlp:AuthnRequest/@${absent}`, doc)).toBeUndefined();
    }
  });

  test('ForceAuthn true for L2 and L3 only', () => {
    expect(value('/samlp:AuthnRequest/@ForceAuthn', postRequest('L1').doc)).toBeUndefined();
    expect(value('/samlp:AuthnRequest/@ForceAuthn', postRequest('L2').doc)).toBe('true');
    expect(value('/samlp:AuthnRequest/@ForceAuthn', postRequest('L3').doc)).toBe('true');
  });

  test('Issuer with Format entity and NameQualifier = our entityID', () => {
    const { doc } = postRequest('L2');
    expect(nodes('/samlp:AuthnRequest/saml:Issuer', doc)).toHaveLength(1);
    expect(value('/samlp:AuthnRequest/saml:Issuer', doc)).toBe(SP_ENTITY_ID);
    expect(value('/samlp:AuthnRequest/saml:Issuer/@Format', doc)).toBe(
      'urn:oasis:names:tc:SAML:2.0:nameid-format:entity',
    );
    expect(value('/samlp:AuthnRequest/saml:Issuer/@NameQualifier', doc)).toBe(SP_ENTITY_ID);
  });

  test('NameIDPolicy transient without AllowCreate', () => {
    const { doc } = postRequest('L2');
    expect(value('/samlp:AuthnRequest/samlp:NameIDPolicy/@Format', doc)).toBe(
      'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
    );
    expect(value('/samlp:AuthnRequest/samlp:NameIDPolicy/@AllowCreate', doc)).toBeUndefined();
  });

  test.each(['L1', 'L2', 'L3'] as const)(
    'RequestedAuthnContext minimum with exactly one SpidL class ref (%s)',
    (level) => {
      const { doc } = postRequest(level);
      expect(value('/samlp:AuthnRequest/samlp:RequestedAuthnContext/@Comparison', doc)).toBe('minimum');
      const refs = nodes('/samlp:AuthnRequest/samlp:RequestedAuthnContext/saml:AuthnContextClassRef', doc);
      expect(refs).toHaveLength(1);
      expect((refs[0].textContent ?? '').trim()).toBe(`https://www.spid.gov.it/Spid${level}`);
    },
  );

  test('the comparison is configurable', () => {
    expect(value('//samlp:RequestedAuthnContext/@Comparison', postRequest('L2', 'exact').doc)).toBe('exact');
  });

  test('POST binding: enveloped RSA-SHA256 signature right after Issuer, with KeyInfo, verifying with our certificate', () => {
    const { xml, doc } = postRequest('L2');
    const children = nodes('/samlp:AuthnRequest/*', doc).map((e) => e.localName);
    expect(children).toEqual(['Issuer', 'Signature', 'NameIDPolicy', 'RequestedAuthnContext']);
    expect(value('//ds:SignatureMethod/@Algorithm', doc)).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(value('//ds:Reference/@URI', doc)).toBe(`#${value('/samlp:AuthnRequest/@ID', doc)}`);
    expect(value('//ds:KeyInfo/ds:X509Data/ds:X509Certificate', doc)).toBe(certBody(sp.credentials.certificate));
    expect(signatureVerifies(xml, sp.credentials.certificate)).toBe(true);
    expect(signatureVerifies(xml.replace('SpidL2', 'SpidL1'), sp.credentials.certificate)).toBe(false);
  });

  // createAuthnRequest signs on the event loop; bindAuthnRequest (the login's path) on the thread pool.
  test.each([
    [
      'createAuthnRequest',
      () => createAuthnRequest({ sp, destination: IDP_SSO, level: 'L3', binding: 'HTTP-Redirect' }),
    ],
    [
      'bindAuthnRequest',
      () =>
        bindAuthnRequest(buildAuthnRequestXml({ sp, destination: IDP_SSO, level: 'L3' }), {
          sp,
          destination: IDP_SSO,
          binding: 'HTTP-Redirect',
        }),
    ],
  ])(
    'Redirect binding (%s): deflated request without XML signature, SigAlg + Signature over the query string',
    async (_name, make) => {
      const request = await make();
      const url = new URL(request.redirectUrl!);
      expect(`${url.origin}${url.pathname}`).toBe(IDP_SSO);
      expect([...url.searchParams.keys()]).toEqual(['SAMLRequest', 'RelayState', 'SigAlg', 'Signature']);
      expect(url.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
      expect(url.searchParams.get('RelayState')).toBe(request.relayState);

      const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
      const doc = parse(xml);
      expect(value('/samlp:AuthnRequest/@ID', doc)).toBe(request.id);
      expect(value('/samlp:AuthnRequest/@ForceAuthn', doc)).toBe('true');
      expect(nodes('//ds:Signature', doc)).toHaveLength(0);

      const query = request.redirectUrl!.split('?')[1];
      const signedPart = query.slice(0, query.indexOf('&Signature='));
      const key = new X509Certificate(sp.credentials.certificate).publicKey;
      const signature = Buffer.from(url.searchParams.get('Signature')!, 'base64');
      expect(createVerify('sha256').update(signedPart).verify(key, signature)).toBe(true);
      expect(
        createVerify('sha256').update(signedPart.replace('RelayState=', 'RelayState=x')).verify(key, signature),
      ).toBe(false);
    },
  );
});
