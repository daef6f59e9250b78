// The IdP registry: metadata parsing, loading from files and URLs, refresh that keeps the last good version,
// metadata signature and validity.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSelfSignedCredentials, TestSamlIdp } from '@profila/testing';
import { IdpRegistry, parseIdpMetadata } from '../src/saml/idp-registry.js';

let idp: TestSamlIdp;
let other: TestSamlIdp;

beforeAll(() => {
  idp = new TestSamlIdp({ entityId: 'https://idp-one.example' });
  other = new TestSamlIdp({ entityId: 'https://idp-two.example' });
});

test('parses entityID, SSO and SLO URLs per binding, signing certificates and display name', () => {
  const [d] = parseIdpMetadata(idp.metadata({ displayName: 'IdP Uno' }), { kind: 'spid', source: 'test' });
  expect(d).toMatchObject({
    entityId: 'https://idp-one.example',
    kind: 'spid',
    displayName: 'IdP Uno',
    sso: { post: 'https://idp-one.example/sso', redirect: 'https://idp-one.example/sso' },
    slo: { post: 'https://idp-one.example/slo', redirect: 'https://idp-one.example/slo' },
    wantAuthnRequestsSigned: true,
    source: 'test',
  });
  expect(d.signingCertificates).toHaveLength(1);
  expect(d.signingCertificates[0].replace(/\s+/g, '')).toBe(idp.credentials.certificate.replace(/\s+/g, ''));
});

test('an EntitiesDescriptor (AgID registry style) yields every IdP and skips other entities', () => {
  const strip = (xml: string) => xml.replace(/<\?xml[^>]*\?>/, '').replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '');
  const aggregate = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">
    ${strip(idp.metadata())}
    ${strip(other.metadata())}
    <md:EntityDescriptor entityID="https://some-sp.example"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>
  </md:EntitiesDescriptor>`;
  const idps = parseIdpMetadata(aggregate, { kind: 'spid' });
  expect(idps.map((i) => i.entityId)).toEqual(['https://idp-one.example', 'https://idp-two.example']);
});

test('metadata that must be signed is refused unsigned or signed by someone else, accepted when signed right', () => {
  const trusted = [idp.credentials.certificate];
  expect(() =>
    parseIdpMetadata(idp.metadata({ unsigned: true }), { kind: 'cie', metadataSigningCertificates: trusted }),
  ).toThrow(/signature/);
  expect(() => parseIdpMetadata(other.metadata(), { kind: 'cie', metadataSigningCertificates: trusted })).toThrow(
    /signature/,
  );
  expect(parseIdpMetadata(idp.metadata(), { kind: 'cie', metadataSigningCertificates: trusted })[0].kind).toBe('cie');
});

test('expired metadata and metadata without IdP are refused', () => {
  const expired = idp
    .metadata({ unsigned: true })
    .replace('<md:EntityDescriptor ', '<md:EntityDescriptor validUntil="2020-01-01T00:00:00Z" ');
  expect(() => parseIdpMetadata(expired, { kind: 'spid' })).toThrow(/expired/);
  expect(() =>
    parseIdpMetadata('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>', {
      kind: 'spid',
    }),
  ).toThrow(/no identity provider/);
  expect(() => parseIdpMetadata('<html/>', { kind: 'spid' })).toThrow(/not SAML metadata/);
});

describe('loading and refreshing', () => {
  let server: Server;
  let url: string;
  let served: string;
  let status = 200;

  beforeAll(async () => {
    served = other.metadata({ displayName: 'IdP Due' });
    server = createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/samlmetadata+xml' });
      res.end(status === 200 ? served : 'down');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/metadata`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('loads files and URLs, lists by kind, refreshes, keeps the last good version when a source fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idp-md-'));
    const file = join(dir, 'one.xml');
    await writeFile(file, idp.metadata({ displayName: 'IdP Uno' }));
    const errors: string[] = [];
    const registry = new IdpRegistry(
      [
        { kind: 'spid', file },
        { kind: 'cie', url, displayName: 'CIE' },
      ],
      { onError: (source) => errors.push(source) },
    );
    const first = await registry.refresh();
    expect(first.failed).toEqual([]);
    expect(first.loaded.sort()).toEqual(['https://idp-one.example', 'https://idp-two.example']);
    expect(registry.list('spid').map((i) => i.displayName)).toEqual(['IdP Uno']);
    expect(registry.list('cie').map((i) => i.displayName)).toEqual(['CIE']);
    expect(registry.get('https://idp-two.example')?.source).toBe(url);

    // Key rotation published at the URL: a refresh picks it up.
    const rotated = new TestSamlIdp({
      entityId: 'https://idp-two.example',
      credentials: createSelfSignedCredentials(),
    });
    served = rotated.metadata();
    await registry.refresh();
    expect(registry.get('https://idp-two.example')!.signingCertificates[0].replace(/\s+/g, '')).toBe(
      rotated.credentials.certificate.replace(/\s+/g, ''),
    );

    // The URL goes down: the last good metadata stays, the failure is reported.
    status = 503;
    const report = await registry.refresh();
    expect(report.failed).toEqual([{ source: url, error: 'HTTP 503' }]);
    expect(errors).toEqual([url]);
    expect(registry.get('https://idp-two.example')).toBeDefined();
    status = 200;
  });
});

describe('IdP certificate expiry', () => {
  const expiring = new TestSamlIdp({
    entityId: 'https://idp-expiring.example',
    credentials: createSelfSignedCredentials({ days: 10 }),
  });
  const expired = new TestSamlIdp({
    entityId: 'https://idp-expired.example',
    credentials: createSelfSignedCredentials({ days: -0.5 }),
  });
  const sources = [
    { kind: 'spid' as const, xml: expiring.metadata() },
    { kind: 'spid' as const, xml: expired.metadata() },
    { kind: 'spid' as const, xml: new TestSamlIdp({ entityId: 'https://idp-fresh.example' }).metadata() },
  ];

  test('warns about a certificate expired or expiring within the window, and still trusts it by default', async () => {
    const registry = new IdpRegistry(sources);
    const report = await registry.refresh();
    expect(report.failed).toEqual([]);
    expect(registry.get(expired.entityId)).toBeDefined();
    const warnings = registry.certificateWarnings(30);
    expect(warnings.map((w) => [w.entityId, w.status])).toEqual([
      ['https://idp-expiring.example', 'expiring'],
      ['https://idp-expired.example', 'expired'],
    ]);
    expect(warnings[0].daysLeft).toBeGreaterThanOrEqual(9);
    expect(warnings[0].daysLeft).toBeLessThan(30);
  });

  test('with refuseExpiredCertificates, an IdP whose every signing certificate expired is not trusted', async () => {
    const errors: string[] = [];
    const registry = new IdpRegistry(sources, {
      refuseExpiredCertificates: true,
      onError: (_source, err) => errors.push(err.message),
    });
    const report = await registry.refresh();
    expect(registry.get(expired.entityId)).toBeUndefined();
    expect(registry.get(expiring.entityId)).toBeDefined();
    expect(report.failed.map((f) => f.error)).toEqual([
      'https://idp-expired.example: every signing certificate has expired',
    ]);
    expect(errors).toHaveLength(1);
    // The refused certificate is still reported, so /health and the logs say why the IdP is gone.
    expect(registry.certificateWarnings(30).map((w) => [w.entityId, w.status])).toEqual([
      ['https://idp-expired.example', 'expired'],
      ['https://idp-expiring.example', 'expiring'],
    ]);
  });
});
