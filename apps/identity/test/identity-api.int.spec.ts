// The identity service in-process against its own PostgreSQL database and the event log, with a test SAML IdP whose
// metadata is configured like a real one (IDP_METADATA file), and the real delegation service (built app, own
// process) answering the acting-as question. Requests reach identity as the gateway sends them: session cookie plus
// the gateway's ES256 access token minted from the session resolution. Only the remote IdP is replaced.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { createHash, randomUUID } from 'node:crypto';
import { ACCESS_TOPIC_V1, type AccessGrantV1 } from '@profila/contracts';
import { connectEventHandlers, PostgresEventTransport } from '@profila/messaging';
import { AccessTokenIssuer, createServiceApp, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { createTestDatabase, freePort, TestSamlIdp, type TestResponseVariant } from '@profila/testing';
import { testCitizen, type TestCitizen } from '@profila/embedded';
import { generateCodiceFiscale } from '@profila/italian';
import { loadIdentityEnv } from '../src/config/identity.env.js';
import { IdentityModule } from '../src/identity.module.js';
import { SamlErrorCode } from '../src/saml/index.js';
import { LoginService } from '../src/login/login.service.js';
import { SpidLogService } from '../src/spid-log/spid-log.service.js';
import { SessionTouches } from '../src/sessions/session-touches.js';
import { SessionsService } from '../src/sessions/sessions.service.js';
import { CitizensService } from '../src/citizens/citizens.service.js';

const SERVICE_TOKEN = 'identity-int-test-service-token';
const PUBLIC_URL = 'https://portale.test.example';
const ACS = `${PUBLIC_URL}/api/identity/saml/acs`;
const SLO = `${PUBLIC_URL}/api/identity/saml/slo`;
const ENTITY_ID = `${PUBLIC_URL}/api/identity/saml/metadata`;
const DELEGATION_MAIN = join(process.cwd(), 'dist/apps/delegation/main.js');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let app: NestFastifyApplication;
let base: string;
let idp: TestSamlIdp;
let issuer: AccessTokenIssuer;
let db: pg.Client;
let delegationDb: pg.Client;
let delegation: ChildProcess;
let dataDir: string;
let events: PostgresEventTransport;

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`delegation exited with ${child.exitCode}`);
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
  if (!existsSync(DELEGATION_MAIN)) throw new Error(`${DELEGATION_MAIN} missing: run node scripts/build.mjs first`);
  dataDir = await mkdtemp(join(tmpdir(), 'identity-int-'));
  idp = new TestSamlIdp({ entityId: 'https://idp.test.profila.example' });
  const metadataFile = join(dataDir, 'idp-metadata.xml');
  await writeFile(metadataFile, idp.metadata({ displayName: 'IdP di prova' }));
  ({ issuer } = await AccessTokenIssuer.generate());
  const eventsUrl = await createTestDatabase('events');

  const delegationUrl = await createTestDatabase('delegation');
  const delegationPort = await freePort();
  delegation = spawn(process.execPath, [DELEGATION_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(delegationPort),
      DATABASE_URL: delegationUrl,
      EVENT_TRANSPORT: 'postgres',
      EVENTS_DATABASE_URL: eventsUrl,
      SERVICE_TOKEN,
      AUTH_JWKS: JSON.stringify(issuer.jwks),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${delegationPort}/health/live`, delegation);

  const databaseUrl = await createTestDatabase('identity');
  const env = loadIdentityEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    EVENT_TRANSPORT: 'postgres',
    EVENTS_DATABASE_URL: eventsUrl,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    SERVICE_TOKEN,
    PUBLIC_URL,
    IDP_METADATA: `spid:${metadataFile}`,
    IDENTITY_DATA_DIR: join(dataDir, 'identity'),
    DELEGATION_URL: `http://127.0.0.1:${delegationPort}`,
  });
  app = await createServiceApp(IdentityModule.register(env), { name: 'identity', logLevel: 'silent' });
  connectEventHandlers(app);
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  events = new PostgresEventTransport({ url: eventsUrl, pollIntervalMs: 200 });
  base = await app.getUrl();
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  delegationDb = new pg.Client({ connectionString: delegationUrl });
  await delegationDb.connect();
}, 60_000);

afterAll(async () => {
  await events?.close();
  await app?.close();
  await db?.end();
  await delegationDb?.end();
  if (delegation && delegation.exitCode === null) {
    const exited = new Promise((resolve) => delegation.once('exit', resolve));
    delegation.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// helpers: the browser's and the gateway's side

interface Browser {
  session?: string;
  csrf?: string;
}

function cookiesOf(res: Response): Record<string, { value: string; attributes: string }> {
  const out: Record<string, { value: string; attributes: string }> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';');
    const i = pair.indexOf('=');
    out[pair.slice(0, i).trim()] = { value: pair.slice(i + 1).trim(), attributes: attrs.join(';') };
  }
  return out;
}

/**
 * GET /login like a browser: the 302 to the IdP, with the AuthnRequest id and RelayState read from the URL, and the
 * login cookie that binds the request to this browser.
 */
async function startLogin(query = 'kind=spid&level=2', loginCookie?: string) {
  const res = await fetch(`${base}/login?idp=${encodeURIComponent(idp.entityId)}&${query}`, {
    redirect: 'manual',
    headers: loginCookie ? { cookie: `profila_login=${loginCookie}` } : {},
  });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(idp.ssoUrl);
  const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  const requestId = /ID="([^"]+)"/.exec(xml)![1];
  const cookie = cookiesOf(res).profila_login;
  return { requestId, relayState: location.searchParams.get('RelayState')!, xml, loginCookie: cookie?.value, cookie };
}

async function postAcs(SAMLResponse: string, RelayState: string, loginCookie?: string) {
  return fetch(`${base}/saml/acs`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(loginCookie ? { cookie: `profila_login=${loginCookie}` } : {}),
    },
    body: new URLSearchParams({ SAMLResponse, RelayState }).toString(),
    redirect: 'manual',
  });
}

/** The Italian error page identity renders for a refusal: its code and message. */
async function errorPageOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await res.text();
  expect(html).toContain('<html lang="it">');
  expect(html).toContain('Torna al portale');
  return {
    code: /<code>([A-Z_]+)<\/code>/.exec(html)?.[1],
    message: /<p role="alert">([^<]*)<\/p>/.exec(html)?.[1],
    html,
  };
}

/** A full login through the ACS; returns the browser's cookies and the ACS answer. */
async function login(citizen: TestCitizen = testCitizen('mario-rossi'), query?: string) {
  const { requestId, relayState, loginCookie } = await startLogin(query);
  const encoded = idp.encodedResponse({ inResponseTo: requestId, acsUrl: ACS, spEntityId: ENTITY_ID, citizen });
  const res = await postAcs(encoded, relayState, loginCookie);
  const cookies = cookiesOf(res);
  const browser: Browser = { session: cookies.profila_session?.value, csrf: cookies.profila_csrf?.value };
  return { res, browser, cookies, requestId, encoded, relayState, loginCookie };
}

/** What the gateway does: resolve the session (service credential), then call with its access token and cookie. */
async function asGateway(browser: Browser, path: string, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {
    cookie: `profila_session=${browser.session}; profila_csrf=${browser.csrf}`,
  };
  const resolved = await resolve(browser.session!);
  if (resolved.status === 200) {
    const session = (await resolved.json()) as { codiceFiscale: string; actingFor: string | null };
    expect(Object.keys(session).sort()).toEqual(['actingFor', 'codiceFiscale', 'csrfTokenSha256']);
    headers.authorization = `Bearer ${await issuer.issue({
      kind: 'citizen',
      id: session.codiceFiscale,
      ...(session.actingFor ? { actingFor: session.actingFor } : {}),
    })}`;
  }
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, json: await res.json().catch((): Json => undefined) };
}

function resolve(sessionId: string) {
  return fetch(`${base}/sessions/${sessionId}/resolve`, {
    method: 'POST',
    headers: { [SERVICE_TOKEN_HEADER]: SERVICE_TOKEN, 'x-profila-service': 'gateway' },
  });
}

async function count(table: string): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
}

// ---------------------------------------------------------------------------------------------------------------

describe('metadata and identity providers', () => {
  it('publishes signed SP metadata with our entityID, ACS and SLO under the public URL', async () => {
    const res = await fetch(`${base}/saml/metadata`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(`entityID="${ENTITY_ID}"`);
    expect(xml).toContain(`Location="${ACS}"`);
    expect(xml).toContain(`Location="${SLO}"`);
    expect(xml).toContain('<ds:Signature');
  });

  it('lists the configured IdP for its kind only', async () => {
    const spid = (await (await fetch(`${base}/idps?kind=spid`)).json()) as Json[];
    expect(spid).toEqual([{ entityId: idp.entityId, name: 'IdP di prova', kind: 'spid' }]);
    expect(await (await fetch(`${base}/idps?kind=cie`)).json()).toEqual([]);
  });

  it('refuses a login towards an unknown IdP with the error page', async () => {
    const res = await fetch(`${base}/login?kind=spid&idp=https://evil.example`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(
      /^https:\/\/portale\.test\.example\/errore-accesso\?code=UNKNOWN_IDP&message=/,
    );
  });
});

describe('login through the ACS', () => {
  it('creates the citizen, a session, a SPID register row and citizen.registered, and sets the cookies', async () => {
    const giulia = testCitizen('giulia-bianchi');
    const sessionsBefore = await count('session');
    const { requestId, relayState, loginCookie, cookie } = await startLogin(
      'kind=spid&level=2&returnTo=/area-riservata/anagrafica',
    );
    expect(loginCookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes).toMatch(/HttpOnly/);
    expect(cookie.attributes).toMatch(/Path=\/api\/identity\/saml/);
    expect(cookie.attributes).toMatch(/SameSite=None; Secure/); // the IdP's form posts cross-site
    const encoded = idp.encodedResponse({
      inResponseTo: requestId,
      acsUrl: ACS,
      spEntityId: ENTITY_ID,
      citizen: giulia,
    });
    const res = await postAcs(encoded, relayState, loginCookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${PUBLIC_URL}/area-riservata/anagrafica`);
    const cookies = cookiesOf(res);
    expect(cookies.profila_session.value).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(cookies.profila_session.attributes).toMatch(/HttpOnly/);
    expect(cookies.profila_session.attributes).toMatch(/SameSite=Lax/);
    expect(cookies.profila_session.attributes).toMatch(/Path=\//);
    expect(cookies.profila_session.attributes).toMatch(/Secure/); // PUBLIC_URL is https
    expect(cookies.profila_csrf.attributes).not.toMatch(/HttpOnly/);

    expect(await count('session')).toBe(sessionsBefore + 1);
    const citizen = (await db.query('SELECT * FROM citizen WHERE codice_fiscale = $1', [giulia.fiscalNumber])).rows[0];
    expect(citizen).toMatchObject({ nome: 'Giulia', cognome: 'Bianchi', sesso: 'F', source: 'spid' });
    const log = (await db.query('SELECT * FROM spid_log WHERE request_id = $1', [requestId])).rows;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ outcome: 'success', codice_fiscale: giulia.fiscalNumber, level: 'L2' });
    expect(log[0].request_xml).toContain(`ID="${requestId}"`);
    expect(log[0].response_xml).toContain(`InResponseTo="${requestId}"`);
    expect(log[0].response_id).toBeTruthy();
    const events = (
      await db.query(`SELECT envelope FROM outbox WHERE key = $1 ORDER BY created_at`, [giulia.fiscalNumber])
    ).rows as Array<{ envelope: Json }>;
    expect(events.map((e) => e.envelope.type as string)).toEqual(['citizen.registered']);
    expect(events[0].envelope.data).toMatchObject({ codiceFiscale: giulia.fiscalNumber, sesso: 'F' });

    const resolved = await resolve(cookies.profila_session.value);
    expect(resolved.status).toBe(200);
    // The CSRF token is bound to this session: the gateway compares the header's hash with this one.
    expect(await resolved.json()).toEqual({
      codiceFiscale: giulia.fiscalNumber,
      actingFor: null,
      csrfTokenSha256: createHash('sha256').update(cookies.profila_csrf.value).digest('hex'),
    });
    expect(
      (await db.query('SELECT csrf_token_sha256 FROM session WHERE id = $1', [cookies.profila_session.value])).rows[0]
        .csrf_token_sha256,
    ).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a replayed Response: no second session', async () => {
    const first = await login(testCitizen('luca-esposito'));
    expect(first.res.status).toBe(303);
    const sessions = await count('session');
    const replay = await postAcs(first.encoded, first.relayState, first.loginCookie);
    expect(replay.status).toBe(403);
    const page = await errorPageOf(replay);
    expect(page.code).toBe('REPLAYED_RESPONSE');
    expect(page.message).toMatch(/già stata usata/);
    expect(replay.headers.getSetCookie()).toEqual([]);
    expect(await count('session')).toBe(sessions);
    const rows = (
      await db.query('SELECT outcome, error_code FROM spid_log WHERE request_id = $1 ORDER BY id', [first.requestId])
    ).rows;
    expect(rows).toEqual([
      { outcome: 'success', error_code: null },
      { outcome: 'refused', error_code: 'REPLAYED_RESPONSE' },
    ]);
  });

  const hostile: Array<[string, TestResponseVariant, SamlErrorCode]> = [
    ['unsigned assertion and response', { signAssertion: false, signResponse: false }, SamlErrorCode.MISSING_SIGNATURE],
    ['signed with an untrusted key', { signWith: new TestSamlIdp().credentials }, SamlErrorCode.INVALID_SIGNATURE],
    ['assertion tampered after signing', { tamper: 'assertion' }, SamlErrorCode.INVALID_SIGNATURE],
    ['wrapped assertion (extensions)', { wrap: 'extensions' }, SamlErrorCode.SIGNATURE_WRAPPING],
    ['a second assertion', { secondAssertion: true }, SamlErrorCode.MULTIPLE_ASSERTIONS],
    ['wrong audience', { audience: 'https://other-sp.example' }, SamlErrorCode.WRONG_AUDIENCE],
    ['wrong destination', { destination: 'https://other-sp.example/acs' }, SamlErrorCode.WRONG_DESTINATION],
    ['wrong recipient', { recipient: 'https://other-sp.example/acs' }, SamlErrorCode.WRONG_RECIPIENT],
    ['wrong issuer', { issuer: 'https://evil-idp.example' }, SamlErrorCode.WRONG_ISSUER],
    ['expired', { expired: true }, SamlErrorCode.INVALID_ISSUE_INSTANT],
    ['level too low', { authnContextClassRef: 'https://www.spid.gov.it/SpidL1' }, SamlErrorCode.LEVEL_TOO_LOW],
    [
      'user cancelled at the IdP',
      { status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Responder', message: 'ErrorCode nr25' } },
      SamlErrorCode.IDP_USER_CANCELLED,
    ],
  ];

  it.each(hostile)('refuses %s: 4xx, the Italian page, no session, a register row', async (_name, variant, code) => {
    const sessions = await count('session');
    const { requestId, relayState, loginCookie } = await startLogin();
    const encoded = idp.encodedResponse(
      { inResponseTo: requestId, acsUrl: ACS, spEntityId: ENTITY_ID, citizen: testCitizen('mario-rossi') },
      variant,
    );
    const res = await postAcs(encoded, relayState, loginCookie);
    // A conformance tool reads the refusal in the status: never a 2xx/3xx for a refused Response.
    expect(res.status).toBe(code === SamlErrorCode.INVALID_ISSUE_INSTANT ? 400 : 403);
    expect(res.headers.get('location')).toBeNull();
    const page = await errorPageOf(res);
    expect(page.code).toBe(code);
    expect(page.message).toMatch(/^(Non è stato possibile|Il livello|Accesso annullato)/);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await count('session')).toBe(sessions);
    const rows = (
      await db.query('SELECT outcome, error_code, response_xml FROM spid_log WHERE request_id = $1', [requestId])
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'refused', error_code: code });
    expect(rows[0].response_xml).toContain('Response');
  });

  it('keeps the SPID register 24 months: older rows are purged, recent ones kept', async () => {
    await db.query(
      `INSERT INTO spid_log (request_id, outcome, created_at) VALUES
         ('_old', 'success', now() - interval '24 months 1 day'), ('_recent', 'success', now() - interval '23 months')`,
    );
    expect(await app.get(SpidLogService).purge()).toBe(1);
    const left = await db.query<{ request_id: string }>(
      `SELECT request_id FROM spid_log WHERE request_id IN ('_old', '_recent')`,
    );
    expect(left.rows).toEqual([{ request_id: '_recent' }]);
  });

  it('refuses a Response to a request we never sent', async () => {
    const encoded = idp.encodedResponse({ inResponseTo: '_never-sent', acsUrl: ACS, spEntityId: ENTITY_ID });
    const res = await postAcs(encoded, 'whatever');
    expect(res.status).toBe(403);
    expect((await errorPageOf(res)).code).toBe('UNKNOWN_REQUEST');
    const rows = (
      await db.query(
        `SELECT outcome, response_truncated, length(response_xml) AS kept, response_size, response_sha256
           FROM spid_log WHERE request_id = '_never-sent'`,
      )
    ).rows;
    // Not an exchange of ours: ids, size, hash and the first bytes only.
    expect(rows).toEqual([
      {
        outcome: 'refused',
        response_truncated: true,
        kept: 1024,
        response_size: encoded.length,
        response_sha256: createHash('sha256').update(encoded).digest('hex'),
      },
    ]);
  });

  it('does not send the user off-site after the login (returnTo must be a local path)', async () => {
    const { res } = await login(testCitizen('mario-rossi'), 'kind=spid&returnTo=//evil.example/x');
    expect(res.headers.get('location')).toBe(`${PUBLIC_URL}/area-riservata`);
  });
});

describe("the ACS's one-statement write (citizen, event, session, register row)", () => {
  /** A citizen of its own for each test (no other test logs them in). */
  function freshCitizen(n: number, overrides: Partial<TestCitizen> = {}): TestCitizen {
    const cognome = `Scrittura${n}`;
    return {
      ...testCitizen('mario-rossi'),
      id: `write-${n}`,
      familyName: cognome,
      fiscalNumber: generateCodiceFiscale({
        cognome,
        nome: 'Mario',
        dataNascita: '1980-01-0' + n,
        sesso: 'M',
        codiceCatastale: 'H501',
      }),
      ...overrides,
    };
  }
  const eventsOf = async (cf: string) =>
    (
      await db.query<{ type: string; data: Json }>(
        `SELECT envelope->>'type' AS type, envelope->'data' AS data FROM outbox WHERE key = $1 ORDER BY created_at`,
        [cf],
      )
    ).rows;
  const sessionsOf = async (cf: string) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM session WHERE codice_fiscale = $1', [cf])).rows[0].n;

  it('a change of the citizen between the login read and its write is kept: the login takes the locking path', async () => {
    const citizen = freshCitizen(1);
    expect((await login(citizen)).res.status).toBe(303);
    const citizens = app.get(CitizensService);
    const read = citizens.readForLogin.bind(citizens);
    // The citizen saves a phone number while their second login is between its read and its write.
    citizens.readForLogin = async (cf: string) => {
      citizens.readForLogin = read;
      const before = await read(cf);
      await db.query(`UPDATE citizen SET telefono = '+390611223344' WHERE codice_fiscale = $1`, [cf]);
      return before;
    };
    const second = await login({ ...citizen, email: 'nuova.email@example.it' });
    expect(citizens.readForLogin).toBe(read);
    expect(second.res.status).toBe(303);
    const row = (
      await db.query('SELECT telefono, email FROM citizen WHERE codice_fiscale = $1', [citizen.fiscalNumber])
    ).rows[0];
    // Neither change lost: the concurrent edit and the login's new IdP data.
    expect(row).toEqual({ telefono: '+390611223344', email: 'nuova.email@example.it' });
    expect(await sessionsOf(citizen.fiscalNumber)).toBe(2);
    const register = (await db.query('SELECT outcome FROM spid_log WHERE request_id = $1', [second.requestId])).rows;
    expect(register).toEqual([{ outcome: 'success' }]);
    const events = await eventsOf(citizen.fiscalNumber);
    expect(events.map((e) => e.type)).toEqual(['citizen.registered', 'citizen.updated']);
    expect(events[1].data).toMatchObject({ telefono: '+390611223344', email: 'nuova.email@example.it' });
  });

  it('two first logins of one citizen at once: both get a session, one citizen, one citizen.registered', async () => {
    const citizen = freshCitizen(2);
    const [a, b] = await Promise.all([login(citizen), login(citizen)]);
    expect([a.res.status, b.res.status]).toEqual([303, 303]);
    expect(a.browser.session).not.toBe(b.browser.session);
    expect(await sessionsOf(citizen.fiscalNumber)).toBe(2);
    expect((await eventsOf(citizen.fiscalNumber)).map((e) => e.type)).toEqual(['citizen.registered']);
  });

  it('a login that changes nothing of the citizen records no event; one that changes the data records one', async () => {
    const citizen = freshCitizen(3);
    await login(citizen);
    await login(citizen);
    expect((await eventsOf(citizen.fiscalNumber)).map((e) => e.type)).toEqual(['citizen.registered']);
    await login({ ...citizen, mobilePhone: '+393470001122' });
    const events = await eventsOf(citizen.fiscalNumber);
    expect(events.map((e) => e.type)).toEqual(['citizen.registered', 'citizen.updated']);
    expect(events[1].data).toMatchObject({ cellulare: '+393470001122' });
    expect(await sessionsOf(citizen.fiscalNumber)).toBe(3);
  });
});

describe('the logged-in citizen', () => {
  it('sees who they are and their anagrafica from the IdP, read-only fields and the editable ones', async () => {
    const mario = testCitizen('mario-rossi');
    const { browser } = await login(mario);
    const me = await asGateway(browser, '/me');
    expect(me).toEqual({
      status: 200,
      json: {
        codiceFiscale: mario.fiscalNumber,
        nome: 'Mario',
        cognome: 'Rossi',
        spidLevel: 2,
        idp: idp.entityId,
        actingFor: null,
      },
    });
    const anagrafica = await asGateway(browser, '/me/anagrafica');
    expect(anagrafica.status).toBe(200);
    expect(anagrafica.json).toMatchObject({
      anagrafica: {
        cognome: 'Rossi',
        nome: 'Mario',
        codiceFiscale: mario.fiscalNumber,
        sesso: 'M',
        dataNascita: '1980-01-01',
        luogoNascita: 'Roma',
        provinciaNascita: 'RM',
      },
      documento: {
        tipo: "Carta d'identità",
        numero: 'CA10000AM',
        dataRilascio: '2019-01-15',
        dataScadenza: '2029-01-15',
      },
      domicilio: { indirizzo: 'Via del Corso 12', cap: '00186', comune: 'Roma', provincia: 'RM' },
      recapiti: { email: mario.email, cellulare: mario.mobilePhone, pec: mario.digitalAddress },
      editable: ['cittadinanza', 'pec', 'telefono', 'fax', 'titoloStudio'],
    });
    expect(anagrafica.json.titoliStudio).toContainEqual({
      codice: 'DIPLOMA',
      descrizione: 'Diploma di scuola secondaria superiore',
    });
  });

  it('without a session gets 401', async () => {
    const res = await fetch(`${base}/me`);
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('UNAUTHENTICATED');
  });

  it('edits the anagrafica: a bad PEC is refused with the field message and nothing is saved', async () => {
    const chiara = testCitizen('chiara-ricci');
    const { browser } = await login(chiara);
    const before = (
      await db.query('SELECT pec, telefono FROM citizen WHERE codice_fiscale = $1', [chiara.fiscalNumber])
    ).rows[0];
    const refused = await asGateway(browser, '/me/anagrafica', {
      method: 'PUT',
      body: { pec: 'non-una-pec', telefono: '+390612345678', titoloStudio: 'DIPLOMA' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Dati non validi',
      details: { fields: { pec: 'Indirizzo PEC non valido' } },
    });
    expect(
      (await db.query('SELECT pec, telefono FROM citizen WHERE codice_fiscale = $1', [chiara.fiscalNumber])).rows[0],
    ).toEqual(before);

    const badPhone = await asGateway(browser, '/me/anagrafica', { method: 'PUT', body: { telefono: '06-123 abc' } });
    expect(badPhone.json.details.fields.telefono).toMatch(/Numero di telefono non valido/);
    const notEditable = await asGateway(browser, '/me/anagrafica', { method: 'PUT', body: { nome: 'Altro' } });
    expect(notEditable.status).toBe(400);

    const saved = await asGateway(browser, '/me/anagrafica', {
      method: 'PUT',
      body: {
        pec: 'Chiara.Ricci@PEC.example.it',
        telefono: '+390612345678',
        cittadinanza: 'it',
        titoloStudio: 'LAUREA_TRIENNALE',
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.recapiti).toMatchObject({ pec: 'chiara.ricci@pec.example.it', telefono: '+390612345678' });
    expect(saved.json.altriDati).toEqual({ cittadinanza: 'Italia', titoloStudio: 'LAUREA_TRIENNALE' });
    const updated = (
      await db.query(`SELECT envelope FROM outbox WHERE key = $1 AND envelope->>'type' = 'citizen.updated'`, [
        chiara.fiscalNumber,
      ])
    ).rows;
    expect(updated.at(-1).envelope.data).toMatchObject({ pec: 'chiara.ricci@pec.example.it', cittadinanza: 'Italia' });
  });

  it('acts for an organisation only when delegation lists it', async () => {
    const mario = testCitizen('mario-rossi');
    const { browser } = await login(mario);
    expect(await asGateway(browser, '/me/profiles')).toEqual({
      status: 200,
      json: { current: null, organizations: [] },
    });
    const refused = await asGateway(browser, '/me/acting-as', { method: 'PUT', body: { organizationId: 'org-acme' } });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('ORGANIZATION_NOT_ALLOWED');

    await delegationDb.query(
      `INSERT INTO access_right (organization_id, ragione_sociale, codice_fiscale_org, citizen_cf, roles, source)
       VALUES ('org-acme', 'ACME S.r.l.', '01234567890', $1, '{amministratore}', 'admin')`,
      [mario.fiscalNumber],
    );
    const profiles = await asGateway(browser, '/me/profiles');
    expect(profiles.json.organizations).toEqual([
      {
        organizationId: 'org-acme',
        ragioneSociale: 'ACME S.r.l.',
        codiceFiscale: '01234567890',
        roles: ['amministratore'],
      },
    ]);
    const accepted = await asGateway(browser, '/me/acting-as', { method: 'PUT', body: { organizationId: 'org-acme' } });
    expect(accepted).toEqual({ status: 200, json: { current: 'org-acme' } });
    expect(await (await resolve(browser.session!)).json()).toMatchObject({
      codiceFiscale: mario.fiscalNumber,
      actingFor: 'org-acme',
    });
    expect((await asGateway(browser, '/me')).json.actingFor).toEqual({
      organizationId: 'org-acme',
      ragioneSociale: 'ACME S.r.l.',
      codiceFiscale: '01234567890',
    });
    const personal = await asGateway(browser, '/me/acting-as', { method: 'PUT', body: { organizationId: null } });
    expect(personal.json).toEqual({ current: null });
    expect((await asGateway(browser, '/me')).json.actingFor).toBeNull();
  });

  it('re-checks acting-as on every request: a revocation ends it at the next request, through delegation.access.v1', async () => {
    const giulia = testCitizen('giulia-bianchi');
    const { browser } = await login(giulia);
    const org = randomUUID();
    const [grant] = (
      await delegationDb.query<{ id: string }>(
        `INSERT INTO access_right (organization_id, ragione_sociale, codice_fiscale_org, citizen_cf, roles, source, source_id)
         VALUES ($1, 'Bianchi S.p.A.', '09876543210', $2, '{COB}', 'delega', $3) RETURNING id`,
        [org, giulia.fiscalNumber, randomUUID()],
      )
    ).rows;
    expect((await asGateway(browser, '/me/acting-as', { method: 'PUT', body: { organizationId: org } })).status).toBe(
      200,
    );
    expect((await (await resolve(browser.session!)).json()).actingFor).toBe(org); // identity now caches the "yes"

    // What delegation does on a Revoca: the grant is revoked (NOTIFY evicts its own cache), the event goes out.
    const revokedAt = Date.now();
    await delegationDb.query(`UPDATE access_right SET revoked_at = now() WHERE id = $1`, [grant.id]);
    await delegationDb.query(`SELECT pg_notify('profila_access_right', $1)`, [giulia.fiscalNumber]);
    const data: AccessGrantV1 = {
      grantId: grant.id,
      source: 'delega',
      sourceId: randomUUID(),
      codiceFiscale: giulia.fiscalNumber,
      organizationId: org,
      organizationCodiceFiscale: '09876543210',
      permissions: ['COB'],
      scope: 'organization',
      unitIds: [],
      validFrom: new Date(revokedAt - 60_000).toISOString(),
      validTo: null,
    };
    await events.publish([
      {
        topic: ACCESS_TOPIC_V1,
        key: org,
        envelope: {
          id: randomUUID(),
          type: 'access.revoked',
          version: 1,
          occurredAt: new Date().toISOString(),
          aggregateId: org,
          correlationId: randomUUID(),
          causationId: null,
          actor: { kind: 'citizen', id: 'RSSMRA80A01H501U' },
          data,
        },
      },
    ]);
    let actingFor: string | null = org;
    while (actingFor !== null && Date.now() - revokedAt < 5000) {
      actingFor = ((await (await resolve(browser.session!)).json()) as { actingFor: string | null }).actingFor;
    }
    const delay = Date.now() - revokedAt;
    expect(actingFor).toBeNull();
    expect(delay).toBeLessThan(1000);
    expect((await asGateway(browser, '/me')).json.actingFor).toBeNull();
    const { rows } = await db.query<{ acting_for: string | null }>('SELECT acting_for FROM session WHERE id = $1', [
      browser.session,
    ]);
    expect(rows[0].acting_for).toBeNull();
  });

  it('a session acting for an organisation the citizen has no right to answers the personal profile (and stops acting)', async () => {
    const { browser } = await login(testCitizen('mario-rossi'));
    const org = randomUUID();
    await db.query('UPDATE session SET acting_for = $2 WHERE id = $1', [browser.session, org]);
    expect((await (await resolve(browser.session!)).json()).actingFor).toBeNull();
    const { rows } = await db.query<{ acting_for: string | null }>('SELECT acting_for FROM session WHERE id = $1', [
      browser.session,
    ]);
    expect(rows[0].acting_for).toBeNull();
  });

  it("cannot use another citizen's session with its own token", async () => {
    const { browser } = await login(testCitizen('mario-rossi'));
    const token = await issuer.issue({ kind: 'citizen', id: testCitizen('giulia-bianchi').fiscalNumber });
    const res = await fetch(`${base}/me`, {
      headers: { authorization: `Bearer ${token}`, cookie: `profila_session=${browser.session}` },
    });
    expect(res.status).toBe(401);
  });
});

describe('sessions end', () => {
  it('after the idle timeout', async () => {
    // Unused since its login 31 minutes ago (no use pending in memory either).
    const { browser } = await login(testCitizen('mario-rossi'));
    await db.query(`UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [browser.session]);
    expect((await resolve(browser.session!)).status).toBe(410);
    expect((await db.query('SELECT end_reason FROM session WHERE id = $1', [browser.session])).rows[0]).toEqual({
      end_reason: 'idle',
    });
    expect((await asGateway(browser, '/me')).status).toBe(401);
  });

  it('a resolve is a read: last-seen times are written in one batch, and the idle clock counts the pending ones', async () => {
    const { browser } = await login(testCitizen('mario-rossi'));
    const touches = app.get(SessionTouches);
    await touches.flush();
    await db.query(`UPDATE session SET last_seen_at = now() - interval '20 minutes' WHERE id = $1`, [browser.session]);
    const stored = async () =>
      (await db.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM session WHERE id = $1', [browser.session]))
        .rows[0].last_seen_at;
    const before = await stored();
    expect((await resolve(browser.session!)).status).toBe(200);
    expect(await stored()).toEqual(before); // no write on the resolve path
    // 20 minutes stored + 15 more would be idle, but the pending use restarted the clock.
    const service = app.get(SessionsService);
    const later = new Date(Date.now() + 15 * 60_000);
    await expect(service.resolve(browser.session!, later)).resolves.toMatchObject({ id: browser.session });
    await touches.flush();
    expect((await stored()).getTime()).toBe(later.getTime());
    // An older pending time never overwrites a newer stored one.
    touches.touch(browser.session!, new Date(Date.now() - 60 * 60_000));
    await touches.flush();
    expect((await stored()).getTime()).toBe(later.getTime());
  });

  it('an unknown session id is 404 for the gateway', async () => {
    expect((await resolve('x'.repeat(43))).status).toBe(404);
  });

  it('SP-initiated logout: local session ended at once, signed LogoutRequest to the IdP, its answer → /uscita', async () => {
    const { browser } = await login(testCitizen('mario-rossi'));
    const out = await asGateway(browser, '/logout', { method: 'POST' });
    expect(out.status).toBe(200);
    const url = new URL(out.json.redirectUrl as string);
    expect(`${url.origin}${url.pathname}`).toBe(idp.sloUrl);
    expect(url.searchParams.get('Signature')).toBeTruthy();
    expect((await resolve(browser.session!)).status).toBe(410);
    const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    expect(xml).toContain('LogoutRequest');
    const requestId = /ID="([^"]+)"/.exec(xml)![1];

    const answer = idp.logoutResponse({ destination: SLO, inResponseTo: requestId });
    const res = await fetch(`${base}/saml/slo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        SAMLResponse: answer.encoded,
        RelayState: url.searchParams.get('RelayState')!,
      }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${PUBLIC_URL}/uscita`);
  });

  it('IdP-initiated logout ends the session it names and answers a signed LogoutResponse', async () => {
    const { browser } = await login(testCitizen('giulia-bianchi'));
    const row = (await db.query('SELECT name_id, session_index FROM session WHERE id = $1', [browser.session])).rows[0];
    const request = idp.logoutRequest({ destination: SLO, nameId: row.name_id, sessionIndex: row.session_index });
    const res = await fetch(`${base}/saml/slo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SAMLRequest: request.encoded }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(idp.sloUrl);
    const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLResponse')!, 'base64')).toString('utf8');
    expect(xml).toContain(`InResponseTo="${request.id}"`);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
    expect((await resolve(browser.session!)).status).toBe(410);
  });

  it('refuses an unsigned IdP LogoutRequest and keeps the session', async () => {
    const { browser } = await login(testCitizen('giulia-bianchi'));
    const row = (await db.query('SELECT name_id FROM session WHERE id = $1', [browser.session])).rows[0];
    const request = idp.logoutRequest({ destination: SLO, nameId: row.name_id, unsigned: true });
    const res = await fetch(`${base}/saml/slo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SAMLRequest: request.encoded }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect((await errorPageOf(res)).code).toBe('MISSING_SIGNATURE');
    // Logout CSRF: a forged message clears no cookie and ends no session.
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await resolve(browser.session!)).status).toBe(200);
  });

  it('a forged LogoutResponse clears no cookie (the browser keeps its live session)', async () => {
    const { browser } = await login(testCitizen('giulia-bianchi'));
    const forged = new TestSamlIdp({ entityId: idp.entityId }).logoutResponse({ destination: SLO, inResponseTo: '_x' });
    const res = await fetch(`${base}/saml/slo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `profila_session=${browser.session}` },
      body: new URLSearchParams({ SAMLResponse: forged.encoded, RelayState: 'not-ours' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await resolve(browser.session!)).status).toBe(200);
  });

  it('refuses a replayed IdP LogoutRequest the second time', async () => {
    const first = await login(testCitizen('mario-rossi'));
    const row = (await db.query('SELECT name_id, session_index FROM session WHERE id = $1', [first.browser.session]))
      .rows[0];
    const request = idp.logoutRequest({ destination: SLO, nameId: row.name_id, sessionIndex: row.session_index });
    const post = () =>
      fetch(`${base}/saml/slo`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ SAMLRequest: request.encoded }).toString(),
        redirect: 'manual',
      });
    const accepted = await post();
    expect(accepted.status).toBe(303);
    expect(accepted.headers.getSetCookie().join('\n')).toMatch(/profila_session=;.*Max-Age=0/);
    expect((await resolve(first.browser.session!)).status).toBe(410);
    const replayed = await post();
    expect(replayed.status).toBe(403);
    expect((await errorPageOf(replayed)).code).toBe('REPLAYED_LOGOUT_REQUEST');
  });
});

describe('no test-only session route', () => {
  it('POST /sessions does not exist: a session exists only after a verified SAML login', async () => {
    const res = await fetch(`${base}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: SERVICE_TOKEN },
      body: JSON.stringify({ codiceFiscale: 'VRDLGU85T10F205X' }),
    });
    expect(res.status).toBe(404);
  });
});

describe('what an attacker found (issue #8)', () => {
  it('login CSRF: a valid Response posted from a browser that did not start the login is refused', async () => {
    const sessions = await count('session');
    // The attacker starts a login and gets a valid Response for their own identity…
    const attacker = await startLogin();
    const encoded = idp.encodedResponse({
      inResponseTo: attacker.requestId,
      acsUrl: ACS,
      spEntityId: ENTITY_ID,
      citizen: testCitizen('luca-esposito'),
    });
    // …and auto-posts it from their site into the victim's browser, which has no (or another) login cookie.
    const victim = await startLogin();
    const noCookie = await postAcs(encoded, attacker.relayState);
    expect(noCookie.status).toBe(403);
    const page = await errorPageOf(noCookie);
    expect(page.code).toBe('LOGIN_NOT_BOUND');
    expect(page.message).toMatch(/non è stato avviato da questo browser/);
    expect(noCookie.headers.getSetCookie()).toEqual([]);
    const otherBrowser = await postAcs(
      idp.encodedResponse({ inResponseTo: victim.requestId, acsUrl: ACS, spEntityId: ENTITY_ID }),
      victim.relayState,
      attacker.loginCookie,
    );
    expect(otherBrowser.status).toBe(403);
    expect((await errorPageOf(otherBrowser)).code).toBe('LOGIN_NOT_BOUND');
    expect(await count('session')).toBe(sessions);
    const rows = (
      await db.query(`SELECT error_code FROM spid_log WHERE request_id = ANY($1::text[]) ORDER BY id`, [
        [attacker.requestId, victim.requestId],
      ])
    ).rows;
    expect(rows).toEqual([{ error_code: 'LOGIN_NOT_BOUND' }, { error_code: 'LOGIN_NOT_BOUND' }]);
  });

  it('two logins started in one browser share its login cookie and both can finish', async () => {
    const first = await startLogin();
    const second = await startLogin(undefined, first.loginCookie);
    expect(second.loginCookie).toBe(first.loginCookie);
    const res = await postAcs(
      idp.encodedResponse({ inResponseTo: first.requestId, acsUrl: ACS, spEntityId: ENTITY_ID }),
      first.relayState,
      first.loginCookie,
    );
    expect(res.status).toBe(303);
  });

  it('a refused message carrying a NUL byte still leaves its (bounded) register row', async () => {
    const encoded = Buffer.from('<samlp:Response ID="_nul">\u0000</samlp:Response>', 'utf8').toString('base64');
    const res = await postAcs(encoded, 'x');
    expect(res.status).toBe(400);
    expect((await errorPageOf(res)).code).toBe('MALFORMED_MESSAGE');
    const rows = (
      await db.query(`SELECT outcome, error_code, response_xml FROM spid_log WHERE response_sha256 = $1`, [
        createHash('sha256').update(encoded).digest('hex'),
      ])
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'refused', error_code: 'MALFORMED_MESSAGE' });
    expect(rows[0].response_xml).toContain('_nul');
  });

  it('refuses a PEC whose quoted local part carries markup', async () => {
    const { browser } = await login(testCitizen('chiara-ricci'));
    for (const pec of ['"<img src=x onerror=alert(1)>"@pec.it', '"a b"@pec.it', 'mario(commento)@pec.it']) {
      const refused = await asGateway(browser, '/me/anagrafica', { method: 'PUT', body: { pec } });
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: { pec: 'Indirizzo PEC non valido' } },
      });
    }
  });

  it('purges AuthnRequests expired more than a day ago (scheduled every few minutes)', async () => {
    await db.query(
      `INSERT INTO authn_request (id, idp, idp_kind, level, comparison, return_to, request_xml, issued_at, expires_at)
       VALUES ('_old-request', 'x', 'spid', 'L2', 'minimum', '/', '', now() - interval '3 days', now() - interval '2 days'),
              ('_recent-request', 'x', 'spid', 'L2', 'minimum', '/', '', now() - interval '2 hours', now() - interval '1 hour')`,
    );
    const purged = await app.get(LoginService).purgeExpired();
    expect(purged.authnRequests).toBeGreaterThanOrEqual(1);
    const left = await db.query<{ id: string }>(
      `SELECT id FROM authn_request WHERE id IN ('_old-request', '_recent-request')`,
    );
    expect(left.rows).toEqual([{ id: '_recent-request' }]);
  });
});
