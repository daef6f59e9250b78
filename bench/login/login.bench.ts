// SPID logins per second through the real identity service: AuthnRequest (GET /login, signed) → signed Response
// from a test IdP → POST /saml/acs (strict SPID validation and one-pass signature verification → citizen upsert with
// its outbox event → session → SPID register row, one transaction) → 303 with the session cookie.
// Real PostgreSQL (embedded), the identity Nest app in-process over HTTP. The IdP's signing is done beforehand (it is
// the IdP's cost, not ours); login start and ACS are measured separately and end to end. The load client runs in a
// process of its own: identity's CPU is this process's (event loop, validation workers), PostgreSQL's that of the
// postmaster and its backends (/proc/<pid>/stat).
//   npm run bench:login [-- --logins 1000 --concurrency 8 --citizens 200 --workers 0]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import pg from 'pg';
import { generateCodiceFiscale } from '@profila/italian';
import { EmbeddedPostgresServer, type TestCitizen, testCitizens } from '@profila/embedded';
import { AccessTokenIssuer, createServiceApp } from '@profila/platform';
import { freePort, TestSamlIdp } from '@profila/testing';
import { postgresCpuMs, processCpuMs } from '../common/process-cpu.js';
import type * as IdentityEnvModule from '../../apps/identity/src/config/identity.env.js';
import type * as IdentityModuleModule from '../../apps/identity/src/identity.module.js';

const { values } = parseArgs({
  options: {
    logins: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    citizens: { type: 'string', default: '200' },
    workers: { type: 'string' },
  },
});
const LOGINS = Number(values.logins);
const CONCURRENCY = Number(values.concurrency);
const CITIZENS = Number(values.citizens);
/** SAML validation worker threads in identity (0: on the event loop); identity's default when not given. */
const WORKERS = values.workers;

// Apps compile to dist/apps/<app>/ (no src/): load the built identity app at run time, typed from the sources.
const appModule = (path: string) => new URL(`../../apps/identity/${path}`, import.meta.url).href;
const { loadIdentityEnv } = (await import(appModule('config/identity.env.js'))) as typeof IdentityEnvModule;
const { IdentityModule } = (await import(appModule('identity.module.js'))) as typeof IdentityModuleModule;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n: number) => `${n.toFixed(1)} ms`;

/**
 * CPU ms of identity (this process: event loop, validation workers, libuv pool), of its main thread alone (the event
 * loop: one core at most, /proc/<pid>/task/<pid>/stat) and of PostgreSQL since `mark`.
 */
function cpuSnapshot(postmaster: number): { identityMs: number; mainThreadMs: number; postgresMs: number } {
  const usage = process.cpuUsage();
  const mainThreadMs = processCpuMs(process.pid, `/proc/${process.pid}/task/${process.pid}/stat`);
  return { identityMs: (usage.user + usage.system) / 1000, mainThreadMs, postgresMs: postgresCpuMs(postmaster) };
}

function cpuSince(
  before: ReturnType<typeof cpuSnapshot>,
  postmaster: number,
): { identityMs: number; mainThreadMs: number; postgresMs: number } {
  const after = cpuSnapshot(postmaster);
  return {
    identityMs: after.identityMs - before.identityMs,
    mainThreadMs: after.mainThreadMs - before.mainThreadMs,
    postgresMs: after.postgresMs - before.postgresMs,
  };
}

const CLIENT = fileURLToPath(new URL('./login-client.js', import.meta.url));

/** Runs the load client in its own process (its CPU is not identity's) and returns its result file. */
async function runClient<T>(mode: 'start' | 'acs', job: unknown): Promise<T> {
  const jobFile = join(dataDir, `${mode}-job.json`);
  const resultFile = join(dataDir, `${mode}-result.json`);
  await writeFile(jobFile, JSON.stringify(job));
  const child = spawn(process.execPath, [CLIENT, mode, base, jobFile, resultFile], { stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`login client ${mode} exited with ${code}`);
  return JSON.parse(await readFile(resultFile, 'utf8')) as T;
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
  ...(WORKERS === undefined ? {} : { SAML_VALIDATION_WORKERS: WORKERS }),
  // Every bench login comes from 127.0.0.1: lift the per-client cap on logins started and not finished.
  LOGIN_MAX_PENDING_PER_CLIENT: String(LOGINS + 100),
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

async function startLogin(): Promise<{ requestId: string; relayState: string; cookie: string }> {
  const res = await fetch(`${base}/login?kind=spid&level=2&idp=${encodeURIComponent(idp.entityId)}`, {
    redirect: 'manual',
  });
  const location = new URL(res.headers.get('location')!);
  const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { requestId: /ID="([^"]+)"/.exec(xml)![1], relayState: location.searchParams.get('RelayState')!, cookie };
}

console.log(
  `login bench: ${LOGINS} logins, concurrency ${CONCURRENCY}, ${CITIZENS} citizens, ${env.SAML_VALIDATION_WORKERS} validation workers, ${availableParallelism()} CPUs`,
);
// Every SQL statement identity sends goes through pg's Client#query: count them (and, for one login, list them).
let statements = 0;
let captured: string[] | undefined;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
  captured?.push((text ?? '?').replace(/\s+/g, ' ').slice(0, 110));
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

// warm-up (JIT, connection pool, first metadata parse)
for (let i = 0; i < 20; i++) {
  const { requestId, relayState, cookie } = await startLogin();
  const SAMLResponse = idp.encodedResponse({ inResponseTo: requestId, acsUrl: ACS, spEntityId: ENTITY_ID });
  const res = await fetch(`${base}/saml/acs`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ SAMLResponse, RelayState: relayState }).toString(),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`warm-up login refused: ${res.status}`);
}
{
  // One more login, its ACS statements listed (the housekeeping timers are idle this early).
  const { requestId, relayState, cookie } = await startLogin();
  const SAMLResponse = idp.encodedResponse({ inResponseTo: requestId, acsUrl: ACS, spEntityId: ENTITY_ID });
  captured = [];
  await fetch(`${base}/saml/acs`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ SAMLResponse, RelayState: relayState }).toString(),
    redirect: 'manual',
  });
  console.log(`SQL statements of one ACS (${captured.length}):\n  ${captured.join('\n  ')}`);
  captured = undefined;
}

const postmaster = Number((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average before: ${load()}`);

// 1. AuthnRequests (signed, stored), from the client process.
let mark = cpuSnapshot(postmaster);
let statementsMark = statements;
const started = await runClient<{
  seconds: number;
  latencies: number[];
  failures: number;
  cpuMs: number;
  starts: Array<{ requestId: string; relayState: string; cookie: string }>;
}>('start', { count: LOGINS, concurrency: CONCURRENCY, idp: idp.entityId });
const startCpu = cpuSince(mark, postmaster);
const startStatements = statements - statementsMark;

if (started.failures) throw new Error(`${started.failures} GET /login refused`);
// The IdP answers each, before the ACS window (the IdP's work, not ours): every Response unique, signed, and the
// answer to a real AuthnRequest of this run (InResponseTo), posted with the login cookie of the browser that started it.
const posts = started.starts.map((s, i) => ({
  cookie: s.cookie,
  body: new URLSearchParams({
    SAMLResponse: idp.encodedResponse({
      inResponseTo: s.requestId,
      acsUrl: ACS,
      spEntityId: ENTITY_ID,
      citizen: population[i % population.length],
    }),
    RelayState: s.relayState,
  }).toString(),
}));

// 2. ACS: verification → citizen upsert → session → register row, one transaction.
mark = cpuSnapshot(postmaster);
statementsMark = statements;
const acs = await runClient<{ seconds: number; latencies: number[]; failures: number; cpuMs: number }>('acs', {
  concurrency: CONCURRENCY,
  posts,
});
const acsCpu = cpuSince(mark, postmaster);
const acsStatements = statements - statementsMark;

const startLatencies = started.latencies.sort((a, b) => a - b);
const acsLatencies = acs.latencies.sort((a, b) => a - b);
const perLogin = started.seconds / LOGINS + acs.seconds / LOGINS;
const cpu = (c: { identityMs: number; mainThreadMs: number; postgresMs: number }, sql: number) =>
  `CPU/login identity ${(c.identityMs / LOGINS).toFixed(2)} ms (event loop ${(c.mainThreadMs / LOGINS).toFixed(2)}), PostgreSQL ${(c.postgresMs / LOGINS).toFixed(2)} ms, ${(sql / LOGINS).toFixed(1)} SQL statements`;
console.log(
  `AuthnRequest (GET /login): ${(LOGINS / started.seconds).toFixed(0)}/s  p50 ${ms(percentile(startLatencies, 50))}  p99 ${ms(percentile(startLatencies, 99))}  ${cpu(startCpu, startStatements)}`,
);
console.log(
  `ACS (verify + upsert + session): ${(LOGINS / acs.seconds).toFixed(1)}/s  p50 ${ms(percentile(acsLatencies, 50))}  p99 ${ms(percentile(acsLatencies, 99))}  ${cpu(acsCpu, acsStatements)}`,
);
console.log(
  `full SP side of a login: ${(1 / perLogin).toFixed(1)} logins/s  ${cpu(
    {
      identityMs: startCpu.identityMs + acsCpu.identityMs,
      mainThreadMs: startCpu.mainThreadMs + acsCpu.mainThreadMs,
      postgresMs: startCpu.postgresMs + acsCpu.postgresMs,
    },
    startStatements + acsStatements,
  )}${acs.failures ? `  FAILURES ${acs.failures}` : ''}`,
);
// What 2 cores could do if nothing else ran: all CPU per login (identity, PostgreSQL, the load client) against 2 s/s.
const cores = availableParallelism();
const ceiling = (identityMs: number, postgresMs: number, clientMs: number) =>
  ((cores * 1000) / ((identityMs + postgresMs + clientMs) / LOGINS)).toFixed(0);
console.log(
  `CPU-bound ceiling on ${cores} cores (identity + PostgreSQL + client CPU per login): ACS ${ceiling(acsCpu.identityMs, acsCpu.postgresMs, acs.cpuMs)}/s, full login ${ceiling(startCpu.identityMs + acsCpu.identityMs, startCpu.postgresMs + acsCpu.postgresMs, started.cpuMs + acs.cpuMs)}/s (client ${(started.cpuMs / LOGINS).toFixed(2)} ms per GET /login, ${(acs.cpuMs / LOGINS).toFixed(2)} ms per ACS)`,
);
console.log(`load average after: ${load()}`);

await app.close();
await server.stop();
await rm(dataDir, { recursive: true, force: true });
if (acs.failures) process.exitCode = 1;
