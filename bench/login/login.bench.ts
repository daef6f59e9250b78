// SPID logins per second through the real identity service: AuthnRequest (GET /login, signed) → signed Response
// from a test IdP → POST /saml/acs (strict SPID validation + node-saml signature verification → citizen upsert with
// its outbox event → session → SPID register row, one transaction) → 303 with the session cookie.
// Real PostgreSQL (embedded), the identity Nest app in-process over HTTP. The IdP's signing is done beforehand (it is
// the IdP's cost, not ours); login start and ACS are measured separately and end to end.
//   npm run bench:login [-- --logins 1000 --concurrency 8 --citizens 200 --workers 2]
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { generateCodiceFiscale } from '@profila/italian';
import { EmbeddedPostgresServer, type TestCitizen, testCitizens } from '@profila/embedded';
import { AccessTokenIssuer, createServiceApp } from '@profila/platform';
import { freePort, TestSamlIdp } from '@profila/testing';
import type * as IdentityEnvModule from '../../apps/identity/src/config/identity.env.js';
import type * as IdentityModuleModule from '../../apps/identity/src/identity.module.js';

const { values } = parseArgs({
  options: {
    logins: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    citizens: { type: 'string', default: '200' },
    workers: { type: 'string', default: '2' },
  },
});
const LOGINS = Number(values.logins);
const CONCURRENCY = Number(values.concurrency);
const CITIZENS = Number(values.citizens);
/** SAML validation worker threads in identity (0: on the event loop). */
const WORKERS = values.workers;

// Apps compile to dist/apps/<app>/ (no src/): load the built identity app at run time, typed from the sources.
const appModule = (path: string) => new URL(`../../apps/identity/${path}`, import.meta.url).href;
const { loadIdentityEnv } = (await import(appModule('config/identity.env.js'))) as typeof IdentityEnvModule;
const { IdentityModule } = (await import(appModule('identity.module.js'))) as typeof IdentityModuleModule;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

const dataDir = await mkdtemp(join(tmpdir(), 'profila-bench-login-'));
await chmod(dataDir, 0o755);
const server = new EmbeddedPostgresServer({ dataDir: join(dataDir, 'pg'), port: await freePort(), persistent: false });
await server.start();
const databaseUrl = await server.ensureDatabase('bench_identity');
const eventsUrl = await server.ensureDatabase('bench_events');

const PUBLIC_URL = 'https://portale.bench.example';
const ACS = `${PUBLIC_URL}/api/identity/saml/acs`;
const ENTITY_ID = `${PUBLIC_URL}/api/identity/saml/metadata`;
const idp = new TestSamlIdp({ entityId: 'https://idp.bench.example' });
const metadataFile = join(dataDir, 'idp.xml');
await writeFile(metadataFile, idp.metadata());
const { issuer } = await AccessTokenIssuer.generate();

const env = loadIdentityEnv({
  NODE_ENV: 'test',
  LOG_LEVEL: 'error',
  DATABASE_URL: databaseUrl,
  EVENT_TRANSPORT: 'postgres',
  EVENTS_DATABASE_URL: eventsUrl,
  AUTH_JWKS: JSON.stringify(issuer.jwks),
  PUBLIC_URL,
  IDP_METADATA: `spid:${metadataFile}`,
  IDENTITY_DATA_DIR: join(dataDir, 'identity'),
  SAML_VALIDATION_WORKERS: WORKERS,
});
const app = await createServiceApp(IdentityModule.register(env), { name: 'identity', logLevel: 'error' });
await app.listen(0, '127.0.0.1');
const base = await app.getUrl();

// A population of citizens: some log in many times (updates), the rest once (registrations).
const base10 = testCitizens()[0];
const population: TestCitizen[] = Array.from({ length: CITIZENS }, (_, i) => ({
  ...base10,
  id: `bench-${i}`,
  name: `Nome${String.fromCharCode(65 + (i % 26))}`,
  familyName: `Bench${i}`,
  fiscalNumber: generateCodiceFiscale({
    cognome: `Bench${i}`,
    nome: 'Mario',
    dataNascita: `19${50 + (i % 49)}-0${1 + (i % 9)}-1${i % 9}`,
    sesso: 'M',
    codiceCatastale: 'H501',
  }),
}));

async function startLogin(): Promise<{ requestId: string; relayState: string }> {
  const res = await fetch(`${base}/login?kind=spid&level=2&idp=${encodeURIComponent(idp.entityId)}`, {
    redirect: 'manual',
  });
  const location = new URL(res.headers.get('location')!);
  const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  return { requestId: /ID="([^"]+)"/.exec(xml)![1], relayState: location.searchParams.get('RelayState')! };
}

console.log(
  `login bench: ${LOGINS} logins, concurrency ${CONCURRENCY}, ${CITIZENS} citizens, ${WORKERS} validation workers, ${availableParallelism()} CPUs`,
);
// warm-up (JIT, connection pool, first metadata parse)
for (let i = 0; i < 20; i++) {
  const { requestId, relayState } = await startLogin();
  const SAMLResponse = idp.encodedResponse({ inResponseTo: requestId, acsUrl: ACS, spEntityId: ENTITY_ID });
  await fetch(`${base}/saml/acs`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse, RelayState: relayState }).toString(),
    redirect: 'manual',
  });
}

// 1. AuthnRequests (signed, stored)
const starts: Array<{ requestId: string; relayState: string }> = [];
const startLatencies: number[] = [];
let t0 = performance.now();
await pool(
  Array.from({ length: LOGINS }, (_, i) => i),
  CONCURRENCY,
  async () => {
    const t = performance.now();
    starts.push(await startLogin());
    startLatencies.push(performance.now() - t);
  },
);
const startSeconds = (performance.now() - t0) / 1000;

// The IdP answers each (not measured: the IdP's work).
const responses = starts.map((s, i) => ({
  relayState: s.relayState,
  SAMLResponse: idp.encodedResponse({
    inResponseTo: s.requestId,
    acsUrl: ACS,
    spEntityId: ENTITY_ID,
    citizen: population[i % population.length],
  }),
}));

// 2. ACS: verification → citizen upsert → session
const acsLatencies: number[] = [];
let failures = 0;
t0 = performance.now();
await pool(responses, CONCURRENCY, async (r) => {
  const t = performance.now();
  const res = await fetch(`${base}/saml/acs`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse: r.SAMLResponse, RelayState: r.relayState }).toString(),
    redirect: 'manual',
  });
  await res.arrayBuffer();
  if (res.status !== 303 || !res.headers.get('set-cookie')) failures++;
  acsLatencies.push(performance.now() - t);
});
const acsSeconds = (performance.now() - t0) / 1000;

startLatencies.sort((a, b) => a - b);
acsLatencies.sort((a, b) => a - b);
const perLogin = startSeconds / LOGINS + acsSeconds / LOGINS;
console.log(
  `AuthnRequest (GET /login): ${(LOGINS / startSeconds).toFixed(0)}/s  p50 ${ms(percentile(startLatencies, 50))}  p99 ${ms(percentile(startLatencies, 99))}`,
);
console.log(
  `ACS (verify + upsert + session): ${(LOGINS / acsSeconds).toFixed(1)}/s  p50 ${ms(percentile(acsLatencies, 50))}  p99 ${ms(percentile(acsLatencies, 99))}`,
);
console.log(
  `full SP side of a login: ${(1 / perLogin).toFixed(1)} logins/s${failures ? `  FAILURES ${failures}` : ''}`,
);

await app.close();
await server.stop();
await rm(dataDir, { recursive: true, force: true });
if (failures) process.exitCode = 1;
