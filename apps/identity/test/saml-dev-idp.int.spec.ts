// Our SP against the dev IdP running as its own process (the built app, as `npm start` runs it): metadata loaded by
// URL into the registry, real AuthnRequests in both bindings, the login form submitted like a browser, the Response
// validated by the strict SPID validator, single logout round trip.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCitizen } from '@profila/embedded';
import { freePort } from '@profila/testing';
import { createAuthnRequest } from '../src/saml/authn-request.js';
import { InMemoryAuthnRequestStore } from '../src/saml/authn-request-store.js';
import { IdpRegistry } from '../src/saml/idp-registry.js';
import { createLogoutRequest, readIdpLogoutResponse } from '../src/saml/logout.js';
import { SpidResponseValidator } from '../src/saml/response-validator.js';
import { SamlErrorCode } from '../src/saml/saml-validation.error.js';
import type { SpConfig } from '../src/saml/sp-config.js';
import { buildSpMetadata } from '../src/saml/sp-metadata.js';
import type { SpidLevel } from '../src/saml/spid-level.js';
import { spConfig } from './saml-fixtures.js';

const DEV_IDP_MAIN = join(process.cwd(), 'dist/apps/dev-idp/main.js');

let devIdp: ChildProcess;
let idpBase: string;
let spServer: Server;
let sp: SpConfig;
let registry: IdpRegistry;
let store: InMemoryAuthnRequestStore;
let validator: SpidResponseValidator;

function hidden(html: string, name: string): string | undefined {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1]
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dev-idp exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

beforeAll(async () => {
  if (!existsSync(DEV_IDP_MAIN)) throw new Error(`${DEV_IDP_MAIN} missing: run node scripts/build.mjs first`);
  const spPort = await freePort();
  const spBase = `http://127.0.0.1:${spPort}`;
  sp = { ...spConfig(), entityId: `${spBase}/metadata`, acsUrl: `${spBase}/acs`, sloUrl: `${spBase}/slo` };
  const metadata = buildSpMetadata(sp);
  spServer = createServer((req, res) => {
    if (req.url === '/metadata') res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(metadata);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => spServer.listen(spPort, '127.0.0.1', resolve));

  const idpPort = await freePort();
  idpBase = `http://127.0.0.1:${idpPort}`;
  devIdp = spawn(process.execPath, [DEV_IDP_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(idpPort),
      LOG_LEVEL: 'warn',
      DEV_IDP_DATA_DIR: await mkdtemp(join(tmpdir(), 'dev-idp-e2e-')),
      DEV_IDP_PUBLIC_URL: idpBase,
      SP_METADATA_URL: `${spBase}/metadata`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${idpBase}/health/live`, devIdp);

  registry = new IdpRegistry([{ kind: 'spid', url: `${idpBase}/metadata` }]);
  const report = await registry.refresh();
  expect(report.failed).toEqual([]);
  store = new InMemoryAuthnRequestStore();
  validator = new SpidResponseValidator({ sp, idps: registry, requests: store });
});

afterAll(async () => {
  if (devIdp && devIdp.exitCode === null) {
    const exited = new Promise((resolve) => devIdp.once('exit', resolve));
    devIdp.kill('SIGTERM');
    await exited;
  }
  await new Promise((resolve) => spServer?.close(resolve));
});

/** Starts a login at the dev IdP and returns its login page and what we stored. */
async function startLogin(level: SpidLevel, binding: 'HTTP-POST' | 'HTTP-Redirect') {
  const idp = registry.get(idpBase)!;
  const destination = binding === 'HTTP-POST' ? idp.sso.post! : idp.sso.redirect!;
  const request = createAuthnRequest({ sp, destination, level, binding });
  await store.save(request.id, {
    idp: idp.entityId,
    level,
    comparison: request.comparison,
    issuedAt: request.issuedAt,
    expiresAt: new Date(Date.now() + 10 * 60_000),
    relayState: request.relayState,
  });
  const res =
    binding === 'HTTP-Redirect'
      ? await fetch(request.redirectUrl!)
      : await fetch(request.post!.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(request.post!.fields).toString(),
        });
  const html = await res.text();
  expect(res.status).toBe(200);
  return { request, html };
}

async function submit(html: string, fields: Record<string, string>) {
  const res = await fetch(`${idpBase}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ pending: hidden(html, 'pending')!, ...fields }).toString(),
  });
  const page = await res.text();
  return {
    SAMLResponse: hidden(page, 'SAMLResponse')!,
    RelayState: hidden(page, 'RelayState'),
    action: /action="([^"]+)"/.exec(page)?.[1],
  };
}

test.each(['HTTP-Redirect', 'HTTP-POST'] as const)(
  'a test citizen logs in through the dev IdP (%s)',
  async (binding) => {
    const { html } = await startLogin('L2', binding);
    expect(html).toContain('verificata con il certificato dei metadati del SP');
    expect(html).toContain(testCitizen('sara-conti').fiscalNumber);
    const post = await submit(html, { outcome: 'login', citizen: 'sara-conti', level: 'L2' });
    expect(post.action).toBe(sp.acsUrl);
    const result = await validator.validate(post);
    expect(result.citizen).toMatchObject({
      fiscalNumber: testCitizen('sara-conti').fiscalNumber,
      name: 'Sara',
      familyName: 'Conti',
      dateOfBirth: '1995-05-27',
      digitalAddress: testCitizen('sara-conti').digitalAddress,
    });
    expect(result).toMatchObject({ level: 'L2', idp: idpBase, idpKind: 'spid' });
    await expect(validator.validate(post)).rejects.toMatchObject({ code: SamlErrorCode.REPLAYED_RESPONSE });
  },
);

test('cancelling at the dev IdP is the SPID anomaly 25 with its Italian message', async () => {
  const { html } = await startLogin('L1', 'HTTP-Redirect');
  const post = await submit(html, { outcome: 'cancel' });
  await expect(validator.validate(post)).rejects.toMatchObject({
    code: SamlErrorCode.IDP_USER_CANCELLED,
    message: expect.stringMatching(/Accesso annullato/),
  });
});

test('choosing a lower level than requested is refused by the SP', async () => {
  const { html } = await startLogin('L3', 'HTTP-Redirect');
  const post = await submit(html, { outcome: 'login', citizen: 'mario-rossi', level: 'L1' });
  await expect(validator.validate(post)).rejects.toMatchObject({ code: SamlErrorCode.LEVEL_TOO_LOW });
});

test('a typed codice fiscale with a wrong check character is refused by the SP', async () => {
  const { html } = await startLogin('L2', 'HTTP-POST');
  const post = await submit(html, {
    outcome: 'login',
    citizen: 'custom',
    fiscalNumber: 'RSSMRA80A01H501X',
    name: 'Mario',
    familyName: 'Rossi',
  });
  await expect(validator.validate(post)).rejects.toMatchObject({ code: SamlErrorCode.INVALID_FISCAL_NUMBER });
});

test('single logout round trip with the dev IdP', async () => {
  const { html } = await startLogin('L2', 'HTTP-Redirect');
  const login = await validator.validate(await submit(html, { outcome: 'login', citizen: 'luca-esposito' }));
  const idp = registry.get(login.idp)!;
  const logout = createLogoutRequest({
    sp,
    destination: idp.slo.redirect!,
    nameId: login.nameId,
    nameQualifier: login.nameQualifier,
    sessionIndex: login.sessionIndex,
    binding: 'HTTP-Redirect',
  });
  const res = await fetch(logout.redirectUrl!);
  expect(res.status).toBe(200);
  const page = await res.text();
  expect(/action="([^"]+)"/.exec(page)?.[1]).toBe(sp.sloUrl);
  const answer = readIdpLogoutResponse(
    { binding: 'HTTP-POST', message: hidden(page, 'SAMLResponse')!, relayState: hidden(page, 'RelayState') },
    { sp, idps: registry, expected: { requestId: logout.id, idp: idp.entityId } },
  );
  expect(answer).toMatchObject({ success: true, inResponseTo: logout.id, relayState: logout.relayState });
});
