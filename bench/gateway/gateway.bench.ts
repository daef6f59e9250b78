// What the gateway's hop costs, in one run, each server in its own process (as deployed) on this machine:
//   1. bare Fastify hello world (the ceiling of one Node process here);
//   2. identity's GET /health/live directly, then through the gateway without and with a session cookie;
//   3. identity's GET /me (access token verified, session and citizen read from PostgreSQL) directly with a token,
//      then GET /api/identity/me through the gateway with the session cookie only (the real browser call).
// Throughput: autocannon at --connections; latency: p50/p99 of autocannon (1 ms resolution, under load) and of a
// sequential probe (one keep-alive connection, µs resolution: the added latency of a hop without queueing), then
// every path probed again in interleaved rounds beside a bare proxy on the same hop (the floor of any proxy here).
// CPU per request of the gateway and identity from /proc (utime + stime). Real PostgreSQL (embedded), a real SPID
// login (TestSamlIdp's signed Response through identity's ACS).
// The probe rounds run twice: as the machine is, then with every idle CPU kept from halting (one nice-19 busy loop per
// CPU, which yields to any real work at once). On a VM whose idle vCPUs halt (HLT, no halt-polling), waking one costs
// a VM exit and entry; a hop that waits longer for its upstream (/me waits on PostgreSQL) meets more halted vCPUs.
// The difference between the two probes is that wake-up, a property of the machine, not of any proxy's work.
//   npm run bench:gateway [-- --duration 5 --connections 10 --probe 2000 --warmup 3]
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import autocannon from 'autocannon';
import { SESSION_COOKIE } from '@profila/contracts';
import { EmbeddedPostgresServer } from '@profila/embedded';
import { AccessTokenIssuer } from '@profila/platform';
import { freePort, TestSamlIdp } from '@profila/testing';
import { processCpuMs } from '../common/process-cpu.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    probe: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '3' },
    /** Set up, print the URLs and credentials, and wait (Ctrl-C) instead of measuring: for profiling by hand. */
    hold: { type: 'boolean', default: false },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const PROBE = Number(values.probe);
/** Seconds of load on every path before any is measured. */
const WARMUP = Number(values.warmup);
const SERVICE_TOKEN = 'bench-gateway-service-token';

const fromRoot = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const children: ChildProcess[] = [];

function start(name: string, file: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [file], {
    // NODE_OPTIONS passes through, e.g. a --require that profiles each server.
    env: {
      PATH: process.env.PATH,
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code) => {
    if (code && !stopping) console.error(`${name} exited with ${code}`);
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} never answered`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  probeP50: number;
  probeP99: number;
  cpu: Record<string, number>;
  errors: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Sequential requests over one keep-alive connection: latency without queueing, in ms with µs resolution. */
async function probe(target: Target, count: number): Promise<{ p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t = process.hrtime.bigint();
      const req = request(target.url, { agent, headers: target.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${target.name}: ${res.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - t) / 1e6);
        });
      });
      req.on('error', reject);
      req.end();
    });
  for (let i = 0; i < 200; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(await once());
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function measure(target: Target, watched: Record<string, ChildProcess>): Promise<Figures> {
  const load = (duration: number) =>
    autocannon({ url: target.url, headers: target.headers, connections: CONNECTIONS, duration });
  await load(1); // warm-up: JIT, pools, caches
  const before = Object.fromEntries(Object.entries(watched).map(([k, c]) => [k, processCpuMs(c.pid!) * 1000]));
  const result = await load(DURATION);
  const cpu = Object.fromEntries(
    Object.entries(watched).map(([k, c]) => [
      k,
      (processCpuMs(c.pid!) * 1000 - before[k]) / Math.max(1, result.requests.total),
    ]),
  );
  const latency = await probe(target, PROBE);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    probeP50: latency.p50,
    probeP99: latency.p99,
    cpu,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

let stopping = false;
const dataDir = await mkdtemp(join(tmpdir(), 'profila-bench-gateway-'));
await chmod(dataDir, 0o755);
const pg = new EmbeddedPostgresServer({ dataDir: join(dataDir, 'pg'), port: await freePort(), persistent: false });
try {
  await pg.start();
  const [helloPort, identityPort, gatewayPort, bareProxyPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const bareProxyUrl = `http://127.0.0.1:${bareProxyPort}`;
  const identityUrl = `http://127.0.0.1:${identityPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const { issuer, privateJwk } = await AccessTokenIssuer.generate();
  const idp = new TestSamlIdp({ entityId: 'https://idp.bench.example' });
  const metadataFile = join(dataDir, 'idp.xml');
  await writeFile(metadataFile, idp.metadata());

  start('hello', fromRoot('dist/bench/gateway/hello.server.js'), { PORT: String(helloPort) });
  const bareProxy = start('bare proxy', fromRoot('dist/bench/gateway/bare-proxy.server.js'), {
    PORT: String(bareProxyPort),
    UPSTREAM: identityUrl,
  });
  const identity = start('identity', fromRoot('dist/apps/identity/main.js'), {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    PORT: String(identityPort),
    SERVICE_TOKEN,
    DATABASE_URL: await pg.ensureDatabase('bench_identity'),
    EVENT_TRANSPORT: 'postgres',
    EVENTS_DATABASE_URL: await pg.ensureDatabase('bench_events'),
    AUTH_JWKS_URL: `${gatewayUrl}/.well-known/jwks.json`,
    PUBLIC_URL: gatewayUrl,
    IDP_METADATA: `spid:${metadataFile}`,
    IDENTITY_DATA_DIR: join(dataDir, 'identity'),
  });
  const gateway = start('gateway', fromRoot('dist/apps/gateway/main.js'), {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    PORT: String(gatewayPort),
    PUBLIC_URL: gatewayUrl,
    SERVICE_TOKEN,
    RATE_LIMIT_MAX: String(1e9),
    ACCESS_TOKEN_PRIVATE_JWK: JSON.stringify(privateJwk),
    IDENTITY_URL: identityUrl,
    WEB_DIST: fromRoot('apps/web/dist'),
    BACKOFFICE_DIST: fromRoot('apps/backoffice/dist'),
  });
  await Promise.all([
    waitFor(`http://127.0.0.1:${helloPort}/`),
    waitFor(`${identityUrl}/health/live`),
    waitFor(`${gatewayUrl}/health/live`),
    waitFor(`${bareProxyUrl}/health/live`),
  ]);

  // A real SPID login at identity's ACS: the session cookie a browser would hold.
  const login = await fetch(`${identityUrl}/login?kind=spid&level=2&idp=${encodeURIComponent(idp.entityId)}`, {
    redirect: 'manual',
  });
  const location = new URL(login.headers.get('location')!);
  // The login is bound to the browser that started it (a cookie of GET /login): send it back to the ACS.
  const loginCookies = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const authnRequest = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString();
  const acs = await fetch(`${identityUrl}/saml/acs`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookies },
    body: new URLSearchParams({
      SAMLResponse: idp.encodedResponse({
        inResponseTo: /ID="([^"]+)"/.exec(authnRequest)![1],
        acsUrl: `${gatewayUrl}/api/identity/saml/acs`,
        spEntityId: `${gatewayUrl}/api/identity/saml/metadata`,
      }),
      RelayState: location.searchParams.get('RelayState')!,
    }).toString(),
    redirect: 'manual',
  });
  const sessionId = acs.headers
    .getSetCookie()
    .map((c) => new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(c)?.[1])
    .find(Boolean);
  if (acs.status !== 303 || !sessionId) throw new Error(`the login failed: ${acs.status} ${await acs.text()}`);
  const cookie = `${SESSION_COOKIE}=${sessionId}`;
  const me = await fetch(`${gatewayUrl}/api/identity/me`, { headers: { cookie } });
  if (!me.ok) throw new Error(`GET /api/identity/me answered ${me.status}`);
  const { codiceFiscale } = (await me.json()) as { codiceFiscale: string };
  // Direct calls carry what the gateway would add: its access token (long-lived here, the bench is not a browser).
  const token = await issuer.issue({ kind: 'citizen', id: codiceFiscale }, 3600);

  if (values.hold) {
    console.log(
      JSON.stringify({ helloPort, identityUrl, gatewayUrl, cookie, token, pids: children.map((c) => c.pid) }),
    );
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  } else await measureAll();
  async function measureAll(): Promise<void> {
    const [load1, load5] = loadavg();
    console.log(
      `gateway bench: ${DURATION} s per line, ${CONNECTIONS} connections, probe ${PROBE} sequential requests, ` +
        `${availableParallelism()} CPUs, load average ${load1.toFixed(2)} / ${load5.toFixed(2)} (1 / 5 min)`,
    );
    const watched = { gateway, identity };
    const rows: Array<[string, Figures]> = [];
    const run = async (target: Target, on: Record<string, ChildProcess>) => {
      const figures = await measure(target, on);
      rows.push([target.name, figures]);
      const cpu = Object.entries(figures.cpu)
        .map(([k, v]) => `${k} ${v.toFixed(0)} µs`)
        .join(', ');
      console.log(
        `${target.name.padEnd(44)} ${figures.rps.toFixed(0).padStart(7)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms` +
          `  | probe p50 ${figures.probeP50.toFixed(3)} ms  p99 ${figures.probeP99.toFixed(3)} ms` +
          (cpu ? `  | CPU/req: ${cpu}` : '') +
          (figures.errors ? `  ERRORS ${figures.errors}` : ''),
      );
      return figures;
    };
    const targets = {
      bare: { name: 'bare Fastify hello world', url: `http://127.0.0.1:${helloPort}/` },
      liveDirect: { name: 'identity /health/live direct', url: `${identityUrl}/health/live` },
      liveBare: { name: 'bare proxy /health/live (floor of a proxy)', url: `${bareProxyUrl}/health/live` },
      liveGw: { name: 'gateway /api/identity/health/live, no session', url: `${gatewayUrl}/api/identity/health/live` },
      liveGwSession: {
        name: 'gateway /api/identity/health/live, session',
        url: `${gatewayUrl}/api/identity/health/live`,
        headers: { cookie },
      },
      meDirect: {
        name: 'identity /me direct (token + cookie)',
        url: `${identityUrl}/me`,
        headers: { cookie, authorization: `Bearer ${token}` },
      },
      meGw: { name: 'gateway /api/identity/me, session', url: `${gatewayUrl}/api/identity/me`, headers: { cookie } },
    } satisfies Record<string, Target>;
    // Warm every path first (JIT, TypeORM, PostgreSQL's caches): otherwise whichever /me runs second looks faster.
    for (const target of Object.values(targets)) {
      await autocannon({
        url: target.url,
        headers: 'headers' in target ? target.headers : undefined,
        connections: CONNECTIONS,
        duration: WARMUP,
      });
    }
    const bare = await run(targets.bare, {});
    const liveDirect = await run(targets.liveDirect, watched);
    const liveBare = await run(targets.liveBare, { 'bare proxy': bareProxy, identity });
    const liveGw = await run(targets.liveGw, watched);
    const liveGwSession = await run(targets.liveGwSession, watched);
    const meDirect = await run(targets.meDirect, watched);
    const meGw = await run(targets.meGw, watched);

    // The added latency of a hop, without queueing: sequential probes of every path, interleaved in rounds (so no path
    // is probed right after its own load run), the median of the rounds' p50s; beside the gateway, a bare proxy
    // (bare-proxy.server.ts) on the same hop: the floor of any proxy on this machine.
    const probes = {
      liveDirect: targets.liveDirect,
      liveBare: targets.liveBare,
      liveGwSession: targets.liveGwSession,
      meDirect: targets.meDirect,
      meBare: { name: 'bare proxy /me', url: `${bareProxyUrl}/me`, headers: targets.meDirect.headers },
      meGw: targets.meGw,
    } satisfies Record<string, Target>;
    type Rounds = Array<Record<keyof typeof probes, number>>;
    const probeRounds = async (): Promise<Rounds> => {
      const rounds: Rounds = [];
      for (let round = 0; round < 3; round++) {
        const p50s = {} as Record<keyof typeof probes, number>;
        for (const [key, target] of Object.entries(probes) as Array<[keyof typeof probes, Target]>) {
          p50s[key] = (await probe(target, PROBE)).p50;
        }
        rounds.push(p50s);
      }
      return rounds;
    };
    const asIs = await probeRounds();
    const spinners = Array.from({ length: availableParallelism() }, () =>
      spawn('nice', ['-n', '19', process.execPath, '-e', 'for (;;);'], { stdio: 'ignore' }),
    );
    let awake: Rounds;
    try {
      awake = await probeRounds();
    } finally {
      for (const spinner of spinners) spinner.kill('SIGKILL');
    }
    const hops = (rounds: Rounds) => {
      const median = (key: keyof typeof probes) => rounds.map((r) => r[key]).sort((a, b) => a - b)[1];
      const plus = (a: keyof typeof probes, b: keyof typeof probes) => `+${(median(a) - median(b)).toFixed(3)} ms`;
      console.log(
        `  /health/live  direct ${median('liveDirect').toFixed(3)} ms   bare proxy ${plus('liveBare', 'liveDirect')}` +
          `   gateway with a session ${plus('liveGwSession', 'liveDirect')} (over the bare proxy ${plus('liveGwSession', 'liveBare')})`,
      );
      console.log(
        `  /me           direct ${median('meDirect').toFixed(3)} ms   bare proxy ${plus('meBare', 'meDirect')}` +
          `   gateway with a session ${plus('meGw', 'meDirect')} (target ≤ 0.3 ms; over the bare proxy ${plus('meGw', 'meBare')})`,
      );
    };
    const pct = (a: Figures, b: Figures) => `${((100 * a.rps) / b.rps).toFixed(0)}%`;
    console.log('ratios (req/s):');
    console.log(`  identity /health/live direct / bare Fastify        ${pct(liveDirect, bare)}`);
    console.log(`  bare proxy / direct            /health/live       ${pct(liveBare, liveDirect)}`);
    console.log(`  gateway, no session / direct   /health/live       ${pct(liveGw, liveDirect)}`);
    console.log(`  gateway, session / direct      /health/live       ${pct(liveGwSession, liveDirect)}`);
    console.log(`  gateway, session / bare proxy  /health/live       ${pct(liveGwSession, liveBare)}`);
    console.log(`  gateway, session / direct      /me (target ≥ 40%)  ${pct(meGw, meDirect)}`);
    console.log(`added p50 per hop (${PROBE} sequential requests per path, 3 interleaved rounds, median):`);
    hops(asIs);
    console.log(`the same with every idle CPU kept from halting (${spinners.length} nice-19 busy loops):`);
    hops(awake);
    if (rows.some(([, f]) => f.errors)) process.exitCode = 1;
  }
} finally {
  stopping = true;
  for (const child of children) child.kill();
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}
