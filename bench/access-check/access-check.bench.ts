// Access checks on the whole embedded platform (built back end, each service its own process, real PostgreSQL):
//   1. the bare Fastify hello-world rate on this machine, in this run (the yardstick the other figures divide by), and
//      delegation's own /health/live (what a Nest route of this service costs before any work);
//   2. `GET /v1/access-rights/check` on delegation directly, as a service calls it;
//   3. the logged-in citizen's own check through the gateway (session resolution, token, proxy);
//   4. the time from a Revoca's commit to the first refused check, and to the delegate's acting-as ending (through
//      the gateway: identity's re-check on every request + the gateway's resolve cache).
// The load generator (autocannon, keep-alive, a fixed number of requests in flight: each target at 8, as the other
// targets of the platform are stated, then at 32, which loads the cores) runs in this process, on the same cores;
// CPU per request of the servers, the client and the whole machine from /proc.
//   npm run bench:access-check [-- --seconds 5 --concurrency 8,32 --revocations 20]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import {
  MEMBERSHIP_TOPIC_V1,
  type MembershipV1,
  ORGANIZATION_TOPIC_V1,
  type OrganizationV1,
  type EventEnvelope,
} from '@profila/contracts';
import { testCitizen } from '@profila/embedded';
import { PostgresEventTransport } from '@profila/messaging';
import { DEV_SERVICE_TOKEN, EVENTS_DATABASE, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { devIdpLogin, type DevIdpSession, freePort, startTestPlatform } from '@profila/testing';
import { machineCpuMs, processCpuMs } from '../common/process-cpu.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8,32' },
    revocations: { type: 'string', default: '20' },
  },
});
const SECONDS = Number(values.seconds);
/** Requests in flight, one round of every target per value: 8 as the platform's latency targets are stated, 32 to
 * load the 2 cores (at 8 the three processes of a proxied check leave them ≈ 20% idle). */
const CONCURRENCIES = values.concurrency.split(',').map(Number);
const REVOCATIONS = Number(values.revocations);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n: number) => `${n.toFixed(2)} ms`;

interface LoadResult {
  label: string;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * Keeps `connections` requests in flight for SECONDS with autocannon (a light client: the load generator shares these
 * cores with the servers), after a one-second warm-up. Every answer must be 200; a sample of bodies, taken before
 * and after the run on the same connection settings, must pass `ok`. With `watched` pids: their CPU per request.
 */
async function load(
  connections: number,
  label: string,
  origin: string,
  path: string,
  headers: Record<string, string>,
  ok: (body: string) => boolean,
  watched: Record<string, number | undefined> = {},
): Promise<LoadResult> {
  const sample = async () => {
    let wrong = 0;
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${origin}${path}`, { headers });
      if (res.status !== 200 || !ok(await res.text())) wrong++;
    }
    return wrong;
  };
  const run = (seconds: number) => autocannon({ url: `${origin}${path}`, headers, connections, duration: seconds });
  let errors = await sample();
  await run(1); // warm-up: JIT, pools, caches
  const pids = Object.entries(watched).filter((e): e is [string, number] => e[1] !== undefined);
  const before = pids.map(([, pid]) => processCpuMs(pid) * 1000);
  const machineBefore = machineCpuMs();
  const result = await run(SECONDS);
  const cpu = pids.map(
    ([name, pid], i) => `${name} ${Math.round((processCpuMs(pid) * 1000 - before[i]) / result.requests.total)} µs`,
  );
  const machineAfter = machineCpuMs();
  if (pids.length) {
    const busy = machineAfter.busy - machineBefore.busy;
    const idle = machineAfter.idle - machineBefore.idle;
    cpu.push(
      `machine ${Math.round((busy * 1000) / result.requests.total)} µs (${Math.round((100 * busy) / (busy + idle))}% busy)`,
    );
  }
  errors += (await sample()) + result.errors + result.timeouts + result.non2xx;
  const out = {
    label,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
  };
  console.log(
    `${label.padEnd(36)} ${out.perSecond.toFixed(0).padStart(7)} req/s   p50 ${ms(out.p50)}   p99 ${ms(out.p99)}` +
      (cpu.length ? `   CPU/req: ${cpu.join(', ')}` : '') +
      (errors ? `   ${errors} WRONG ANSWERS` : ''),
  );
  return out;
}

// 1. Bare Fastify, in its own process like the services.
const helloPort = await freePort();
const hello = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import Fastify from 'fastify'; const app = Fastify(); app.get('/', async () => ({ hello: 'world' }));
     await app.listen({ port: ${helloPort}, host: '127.0.0.1' }); console.log('ready');`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve) => hello.stdout.once('data', () => resolve()));

console.log('starting the platform…');
const platform = await startTestPlatform({
  devIdp: true,
  // The gateway's per-client rate limit would answer 429 to a load generator.
  env: { LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '100000000' },
});
const gateway = platform.gatewayUrl;
const delegationUrl = platform.serviceUrl('delegation');
const service = { [SERVICE_TOKEN_HEADER]: DEV_SERVICE_TOKEN };

try {
  // A holds a company (its association events, as registry publishes them), B is delegated.
  const a = testCitizen('mario-rossi');
  const b = testCitizen('giulia-bianchi');
  const sessionA = await devIdpLogin(gateway, { citizen: a.id });
  const sessionB = await devIdpLogin(gateway, { citizen: b.id });
  const org = randomUUID();
  const events = new PostgresEventTransport({ url: platform.postgres.url(EVENTS_DATABASE) });
  const envelope = <T extends 'organization.associated' | 'membership.granted'>(type: T, data: unknown) =>
    ({
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId: org,
      correlationId: randomUUID(),
      causationId: null,
      actor: { kind: 'citizen', id: a.fiscalNumber },
      data,
    }) as EventEnvelope;
  const organization: OrganizationV1 = {
    organizationId: org,
    kind: 'azienda-italiana',
    codiceFiscale: '01234567890',
    partitaIva: '01234567890',
    codiceIdentificativo: null,
    statoEstero: null,
    denominazione: 'Bench S.r.l.',
    formaGiuridica: null,
    tipoEnte: null,
    settoreEconomico: null,
    tipoAzienda: null,
    tipiSoggettoAbilitato: [],
    sedeLegale: { indirizzo: 'Via Roma 1', cap: null, comune: null, citta: null },
    email: null,
    pec: null,
    telefono: null,
  };
  const membership: MembershipV1 = {
    membershipId: randomUUID(),
    organizationId: org,
    organizationCodiceFiscale: '01234567890',
    codiceFiscale: a.fiscalNumber,
    kind: 'amministratore',
    roles: ['COB', 'SARE', 'IDO', 'RAA', 'ANAGRAFICA'],
    scope: 'organization',
    unitIds: [],
    validFrom: '2020-01-01',
    validTo: null,
  };
  await events.publish([
    { topic: ORGANIZATION_TOPIC_V1, key: org, envelope: envelope('organization.associated', organization) },
    { topic: MEMBERSHIP_TOPIC_V1, key: org, envelope: envelope('membership.granted', membership) },
  ]);
  const checkPath = (cf: string) => `/v1/access-rights/check?codiceFiscale=${cf}&organizationId=${org}&permission=COB`;
  const allowed = async (cf: string) => {
    const res = await fetch(`${delegationUrl}${checkPath(cf)}`, { headers: service });
    return ((await res.json()) as { allowed: boolean }).allowed;
  };
  for (let i = 0; !(await allowed(a.fiscalNumber)); i++) {
    if (i > 200) throw new Error('the membership never reached delegation');
    await new Promise((r) => setTimeout(r, 50));
  }

  // The same Nest service answering a route that does nothing (its framework cost, without the check's work).
  // The load generator's own share (autocannon, in this process) is printed too: on 2 cores it is part of the budget.
  const servers = {
    delegation: platform.pidOf('delegation'),
    gateway: platform.pidOf('gateway'),
    client: process.pid,
  };
  const ratios: string[] = [];
  for (const connections of CONCURRENCIES) {
    console.log(`\n${SECONDS} s per target, ${connections} requests in flight\n`);
    const bare = await load(connections, 'fastify hello world', `http://127.0.0.1:${helloPort}`, '/', {}, (b) =>
      b.includes('world'),
    );
    await load(
      connections,
      'delegation /health/live (Nest floor)',
      delegationUrl,
      '/health/live',
      {},
      (body) => body.includes('ok'),
      servers,
    );
    const direct = await load(
      connections,
      'check, direct (service API)',
      delegationUrl,
      checkPath(a.fiscalNumber),
      service,
      (body) => body.startsWith('{"allowed":true'),
      servers,
    );
    const viaGateway = await load(
      connections,
      'check, through the gateway',
      gateway,
      `/api/delegation/v1/access-rights/me/check?organizationId=${org}&permission=COB`,
      { cookie: `profila_session=${sessionA.sessionId}` },
      (body) => body.startsWith('{"allowed":true'),
      servers,
    );
    ratios.push(
      `ratio to bare fastify, ${connections} in flight: direct ${(direct.perSecond / bare.perSecond).toFixed(2)}, ` +
        `through the gateway ${(viaGateway.perSecond / bare.perSecond).toFixed(2)}`,
    );
  }

  // 4. Revocation delay.
  const api = async (session: DevIdpSession, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${gateway}${path}`, {
      method,
      headers: { ...session.headers(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
  const toCheck: number[] = [];
  const toSession: number[] = [];
  for (let i = 0; i < REVOCATIONS; i++) {
    const created = await api(sessionA, 'POST', '/api/delegation/delegations', {
      codiceFiscaleDelegato: b.fiscalNumber,
      organizationId: org,
      dataInizio: today,
      dataScadenza: today,
    });
    const id = (created.delega as { id: string }).id;
    await api(sessionB, 'POST', `/api/delegation/delegations/${id}/accept`);
    await api(sessionB, 'PUT', '/api/identity/me/acting-as', { organizationId: org });
    while (!(await allowed(b.fiscalNumber))) await new Promise((r) => setTimeout(r, 5));
    // Pollers running before the revocation: the first refused answer after its commit is what we time.
    let committedAt = 0;
    let refusedAt = 0;
    let sessionEndedAt = 0;
    const checkPoller = (async () => {
      while (!refusedAt) {
        const ok = await allowed(b.fiscalNumber);
        if (!ok && committedAt) refusedAt = performance.now();
      }
    })();
    const sessionPoller = (async () => {
      while (!sessionEndedAt) {
        const me = await fetch(`${gateway}/api/identity/me`, { headers: sessionB.headers() });
        const actingFor = ((await me.json()) as { actingFor: unknown }).actingFor;
        if (actingFor === null && committedAt) sessionEndedAt = performance.now();
        else await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    await api(sessionA, 'POST', `/api/delegation/delegations/${id}/revoke`);
    committedAt = performance.now(); // the commit happened before this answer: the delays below are upper bounds
    await Promise.all([checkPoller, sessionPoller]);
    toCheck.push(Math.max(0, refusedAt - committedAt));
    toSession.push(Math.max(0, sessionEndedAt - committedAt));
  }
  toCheck.sort((x, y) => x - y);
  toSession.sort((x, y) => x - y);
  console.log(
    `\nrevocation → first refused check      p50 ${ms(percentile(toCheck, 50))}   p99 ${ms(percentile(toCheck, 99))}   (${REVOCATIONS} revocations)`,
  );
  console.log(
    `revocation → acting-as ended (gateway) p50 ${ms(percentile(toSession, 50))}   p99 ${ms(percentile(toSession, 99))}`,
  );
  console.log(`\n${ratios.join('\n')}`);
  await events.close();
} finally {
  await platform.stop();
  hello.kill();
}
