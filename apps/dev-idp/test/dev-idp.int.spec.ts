// The dev IdP booted for real on a free port, driven over HTTP like a browser and an SP would. The SP side is written
// here with xml-crypto and checked with node-saml: independent of both the dev IdP's and the identity service's code.
import { createSign } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@profila/platform';
import { testCitizens } from '@profila/embedded';
import { createSelfSignedCredentials, freePort, type SamlCredentials } from '@profila/testing';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { loadDevIdpEnv } from '../src/config/dev-idp.env.js';
import { DevIdpModule } from '../src/dev-idp.module.js';

const SP_ENTITY_ID = 'https://sp.test.example/metadata';
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

let app: NestFastifyApplication;
let base: string;
let dataDir: string;
let spServer: Server;
let spBase: string;
let spCredentials: SamlCredentials;
let spAvailable = true;

function certBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

function spMetadata(): string {
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="${DS}" entityID="${SP_ENTITY_ID}">
  <md:SPSSODescriptor protocolSupportEnumeration="${SAMLP}" AuthnRequestsSigned="true" WantAssertionsSigned="true">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(spCredentials.certificate)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${spBase}/slo"/>
    <md:AssertionConsumerService index="0" isDefault="true" Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${spBase}/acs"/>
    <md:AttributeConsumingService index="0">
      <md:ServiceName xml:lang="it">Test</md:ServiceName>
      <md:RequestedAttribute Name="fiscalNumber"/><md:RequestedAttribute Name="name"/><md:RequestedAttribute Name="familyName"/><md:RequestedAttribute Name="email"/>
    </md:AttributeConsumingService>
  </md:SPSSODescriptor>
</md:EntityDescriptor>`;
}

function authnRequestXml(id: string, level = 'L2', destination = `${base}/sso`): string {
  return `<samlp:AuthnRequest xmlns:samlp="${SAMLP}" xmlns:saml="${SAML_NS}" ID="${id}" Version="2.0" IssueInstant="${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}" Destination="${destination}"${level === 'L1' ? '' : ' ForceAuthn="true"'} AssertionConsumerServiceIndex="0" AttributeConsumingServiceIndex="0">
  <saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity" NameQualifier="${SP_ENTITY_ID}">${SP_ENTITY_ID}</saml:Issuer>
  <samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient"/>
  <samlp:RequestedAuthnContext Comparison="minimum"><saml:AuthnContextClassRef>https://www.spid.gov.it/Spid${level}</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>
</samlp:AuthnRequest>`;
}

function signEnveloped(xml: string, localName: string, credentials: SamlCredentials): string {
  const target = `(//*[local-name(.)='${localName}'])[1]`;
  const sig = new SignedXml({
    privateKey: credentials.privateKey,
    publicCert: credentials.certificate,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: target,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

function redirectQuery(param: string, xml: string, relayState: string, credentials: SamlCredentials): string {
  let query = `${param}=${encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString('base64'))}`;
  query += `&RelayState=${encodeURIComponent(relayState)}`;
  query += `&SigAlg=${encodeURIComponent('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')}`;
  return `${query}&Signature=${encodeURIComponent(createSign('sha256').update(query).sign(credentials.privateKey, 'base64'))}`;
}

function hidden(html: string, name: string): string | undefined {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return match
    ? match[1]
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
    : undefined;
}

function formAction(html: string): string | undefined {
  return /<form method="post" action="([^"]+)"/.exec(html)?.[1];
}

async function postForm(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

function idpCertificate(metadata: string): string {
  return /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(metadata)![1];
}

function verifies(xml: string, element: Element | undefined, certificate: string): boolean {
  const signature = element
    ? Array.from(element.childNodes).find((n) => (n as Element).localName === 'Signature')
    : undefined;
  if (!signature) return false;
  const sig = new SignedXml({ publicCert: `-----BEGIN CERTIFICATE-----\n${certificate}\n-----END CERTIFICATE-----` });
  sig.loadSignature(signature);
  return sig.checkSignature(xml);
}

async function bootDevIdp(port: number): Promise<NestFastifyApplication> {
  const env = loadDevIdpEnv({
    NODE_ENV: 'test',
    PORT: String(port),
    LOG_LEVEL: 'silent',
    DEV_IDP_DATA_DIR: dataDir,
    DEV_IDP_PUBLIC_URL: `http://127.0.0.1:${port}`,
    SP_METADATA_URL: `${spBase}/metadata`,
  });
  const instance = await createServiceApp(DevIdpModule.register(env), { name: 'dev-idp', logLevel: 'silent' });
  await instance.listen(port, '127.0.0.1');
  return instance;
}

beforeAll(async () => {
  spCredentials = createSelfSignedCredentials({ commonName: 'test SP' });
  spServer = createServer((req, res) => {
    if (req.url === '/metadata' && spAvailable) {
      res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(spMetadata());
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => spServer.listen(0, '127.0.0.1', resolve));
  const address = spServer.address();
  spBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  dataDir = await mkdtemp(join(tmpdir(), 'dev-idp-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await bootDevIdp(port);
});

afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => spServer.close(resolve));
});

test('answers its health checks', async () => {
  for (const path of ['/health', '/health/live']) {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  }
});

test('publishes signed IdP metadata with SSO and SLO in both bindings, and keeps its key across restarts', async () => {
  const res = await fetch(`${base}/metadata`);
  expect(res.headers.get('content-type')).toMatch(/samlmetadata\+xml/);
  const xml = await res.text();
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement!;
  expect(root.getAttribute('entityID')).toBe(base);
  const certificate = idpCertificate(xml);
  expect(verifies(xml, root as unknown as Element, certificate)).toBe(true);
  expect(verifies(xml.replace('Dev IdP (prova)', 'Altro IdP'), root as unknown as Element, certificate)).toBe(false);
  const sso = Array.from(doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:metadata', 'SingleSignOnService'));
  expect(sso.map((s) => [s.getAttribute('Binding')!.split(':').pop(), s.getAttribute('Location')])).toEqual([
    ['HTTP-POST', `${base}/sso`],
    ['HTTP-Redirect', `${base}/sso`],
  ]);
  const slo = Array.from(doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:metadata', 'SingleLogoutService'));
  expect(slo.map((s) => s.getAttribute('Location'))).toEqual([`${base}/slo`, `${base}/slo`]);

  expect(certBody(await readFile(join(dataDir, 'idp-cert.pem'), 'utf8'))).toBe(certificate);
  const port = await freePort();
  const again = await bootDevIdp(port);
  try {
    const second = await (await fetch(`http://127.0.0.1:${port}/metadata`)).text();
    expect(idpCertificate(second)).toBe(certificate);
  } finally {
    await again.close();
  }
});

test('its home page lists every test citizen with a valid-looking codice fiscale, in Italian', async () => {
  const html = await (await fetch(`${base}/`)).text();
  expect(html).toContain('<html lang="it">');
  expect(html).toContain('Dev IdP — ambiente di prova, non SPID reale');
  for (const citizen of testCitizens()) {
    expect(html).toContain(citizen.fiscalNumber);
    expect(html).toContain(`${citizen.name} ${citizen.familyName}`);
  }
});

describe('single sign-on', () => {
  let certificate: string;
  beforeAll(async () => {
    certificate = idpCertificate(await (await fetch(`${base}/metadata`)).text());
  });

  async function loginPage(id: string, level = 'L2'): Promise<string> {
    const res = await fetch(
      `${base}/sso?${redirectQuery('SAMLRequest', authnRequestXml(id, level), 'opaque-rs', spCredentials)}`,
    );
    expect(res.status).toBe(200);
    return res.text();
  }

  test('a signed AuthnRequest (Redirect) shows the login page; choosing a citizen posts a signed Response to the ACS', async () => {
    const html = await loginPage('_req-redirect-1', 'L2');
    expect(html).toContain('Dev IdP — ambiente di prova, non SPID reale');
    expect(html).toContain('verificata con il certificato dei metadati del SP');
    for (const citizen of testCitizens()) expect(html).toContain(citizen.fiscalNumber);
    expect(html).toMatch(/value="L2" checked/);

    const giulia = testCitizens().find((c) => c.id === 'giulia-bianchi')!;
    const res = await postForm('/login', {
      pending: hidden(html, 'pending')!,
      outcome: 'login',
      citizen: giulia.id,
      level: 'L2',
    });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(formAction(page)).toBe(`${spBase}/acs`);
    expect(hidden(page, 'RelayState')).toBe('opaque-rs');
    const xml = Buffer.from(hidden(page, 'SAMLResponse')!, 'base64').toString('utf8');

    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const response = doc.documentElement! as unknown as Element;
    const assertion = doc.getElementsByTagNameNS(SAML_NS, 'Assertion')[0] as unknown as Element;
    expect(response.getAttribute('Destination')).toBe(`${spBase}/acs`);
    expect(response.getAttribute('InResponseTo')).toBe('_req-redirect-1');
    expect(verifies(xml, response, certificate)).toBe(true);
    expect(verifies(xml, assertion, certificate)).toBe(true);
    expect(xml).toContain('<saml:AuthnContextClassRef>https://www.spid.gov.it/SpidL2</saml:AuthnContextClassRef>');
    expect(xml).toContain(`TINIT-${giulia.fiscalNumber}`);
    const released = Array.from(doc.getElementsByTagNameNS(SAML_NS, 'Attribute')).map((a) => a.getAttribute('Name'));
    expect(released.sort()).toEqual(['email', 'familyName', 'fiscalNumber', 'name']);

    // node-saml, configured as SPID wants, accepts it.
    const saml = new SAML({
      idpCert: certificate,
      issuer: SP_ENTITY_ID,
      callbackUrl: `${spBase}/acs`,
      audience: SP_ENTITY_ID,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
      validateInResponseTo: ValidateInResponseTo.always,
      cacheProvider: {
        saveAsync: async () => null,
        getAsync: async (key: string) => (key === '_req-redirect-1' ? new Date().toISOString() : null),
        removeAsync: async () => null,
      },
    });
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: hidden(page, 'SAMLResponse')! });
    expect(profile?.attributes).toMatchObject({ fiscalNumber: `TINIT-${giulia.fiscalNumber}`, name: 'Giulia' });

    // The pending request is single use.
    const again = await postForm('/login', { pending: hidden(html, 'pending')!, outcome: 'login', citizen: giulia.id });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Richiesta scaduta o già usata');
  });

  test('the POST binding works as well, and a typed identity is released as typed', async () => {
    const xml = signEnveloped(authnRequestXml('_req-post-1', 'L1'), 'AuthnRequest', spCredentials);
    const res = await postForm('/sso', { SAMLRequest: Buffer.from(xml).toString('base64'), RelayState: 'rs-post' });
    expect(res.status).toBe(200);
    const html = await res.text();
    const login = await postForm('/login', {
      pending: hidden(html, 'pending')!,
      outcome: 'login',
      citizen: 'custom',
      fiscalNumber: 'vrdgpp80a01f205x',
      name: 'Giuseppe',
      familyName: 'Verdi',
      level: 'L3',
    });
    const response = Buffer.from(hidden(await login.text(), 'SAMLResponse')!, 'base64').toString('utf8');
    expect(response).toContain('TINIT-VRDGPP80A01F205X');
    expect(response).toContain('https://www.spid.gov.it/SpidL3');
    expect(response).toContain('InResponseTo="_req-post-1"');
  });

  test('cancelling answers with the SPID anomaly 25 in a signed Response without Assertion', async () => {
    const html = await loginPage('_req-cancel');
    const res = await postForm('/login', { pending: hidden(html, 'pending')!, outcome: 'cancel' });
    const xml = Buffer.from(hidden(await res.text(), 'SAMLResponse')!, 'base64').toString('utf8');
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:Responder');
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:AuthnFailed');
    expect(xml).toContain('<samlp:StatusMessage>ErrorCode nr25</samlp:StatusMessage>');
    expect(xml).not.toContain('Assertion');
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    expect(verifies(xml, doc.documentElement as unknown as Element, certificate)).toBe(true);
  });

  test('requests a real IdP would refuse are refused with the reason', async () => {
    const forged = await fetch(
      `${base}/sso?${redirectQuery('SAMLRequest', authnRequestXml('_forged'), 'rs', createSelfSignedCredentials())}`,
    );
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('nr05: verifica della firma fallita');

    const unsigned = await postForm('/sso', {
      SAMLRequest: Buffer.from(authnRequestXml('_unsigned')).toString('base64'),
    });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.text()).toContain('nr07');

    const nonSpid = signEnveloped(
      authnRequestXml('_non-spid').replace(
        'https://www.spid.gov.it/SpidL2',
        'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
      ),
      'AuthnRequest',
      spCredentials,
    );
    const refused = await postForm('/sso', { SAMLRequest: Buffer.from(nonSpid).toString('base64') });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('nr12');

    const garbage = await postForm('/sso', { SAMLRequest: 'bm90IHhtbA==' });
    expect(garbage.status).toBe(400);
  });

  test('without the SP metadata it still works, warning that the signature was not verified', async () => {
    spAvailable = false;
    const port = await freePort();
    const isolated = await bootDevIdp(port); // fresh metadata cache
    try {
      const res = await fetch(
        `http://127.0.0.1:${port}/sso?${redirectQuery('SAMLRequest', authnRequestXml('_nometa', 'L2', `http://127.0.0.1:${port}/sso`), 'rs', spCredentials)}`,
      );
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('La firma della richiesta non è stata verificata');
      expect(html).toContain('non verificata: metadati del SP non disponibili');
    } finally {
      spAvailable = true;
      await isolated.close();
    }
  });
});

test('single logout: a signed LogoutRequest gets a signed LogoutResponse posted to the SP', async () => {
  const certificate = idpCertificate(await (await fetch(`${base}/metadata`)).text());
  const logout = `<samlp:LogoutRequest xmlns:samlp="${SAMLP}" xmlns:saml="${SAML_NS}" ID="_logout-1" Version="2.0" IssueInstant="${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}" Destination="${base}/slo">
  <saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity" NameQualifier="${SP_ENTITY_ID}">${SP_ENTITY_ID}</saml:Issuer>
  <saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient" NameQualifier="${base}">_n</saml:NameID>
  <samlp:SessionIndex>_s</samlp:SessionIndex>
</samlp:LogoutRequest>`;
  const res = await fetch(`${base}/slo?${redirectQuery('SAMLRequest', logout, 'rs-out', spCredentials)}`);
  expect(res.status).toBe(200);
  const page = await res.text();
  expect(formAction(page)).toBe(`${spBase}/slo`);
  expect(hidden(page, 'RelayState')).toBe('rs-out');
  const xml = Buffer.from(hidden(page, 'SAMLResponse')!, 'base64').toString('utf8');
  expect(xml).toContain('InResponseTo="_logout-1"');
  expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  expect(verifies(xml, doc.documentElement as unknown as Element, certificate)).toBe(true);

  const forged = await fetch(
    `${base}/slo?${redirectQuery('SAMLRequest', logout, 'rs', createSelfSignedCredentials())}`,
  );
  expect(forged.status).toBe(400);
});

test('refuses to start in production', () => {
  expect(() => loadDevIdpEnv({ NODE_ENV: 'production' })).toThrow(/production/);
});
