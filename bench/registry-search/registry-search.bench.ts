// Organisation search against the real registry service: 1,000,000 organisations in PostgreSQL (embedded, loaded with
// unnest batches; the organisation indexes the migrations created are dropped before the load and re-created after it
// from their own definitions, as a bulk import does), the built registry service in its own process (as it runs in
// production), GET /organizations/search over HTTP with an access token, at concurrency 8, from an undici keep-alive
// pool in this process. Three kinds of search: 3 characters of ragione sociale (prefix), a substring of the name
// (a mix of common, rare and absent terms, see SUBSTRINGS), an exact codice fiscale.
// Each search kind is timed three ways, to tell SQL from the rest: EXPLAIN ANALYZE of the repository's PostgreSQL-only
// statements for every term class (the database alone), those statements called from this process at the same
// concurrency (SQL + driver, no HTTP, no in-memory name index: what the service falls back to), then the service over
// HTTP (prefix and codice fiscale from PostgreSQL, substrings from its in-memory name index checked on PostgreSQL, ADR
// 0015), with the CPU time per search of the service process and of PostgreSQL.
//   npm run bench:registry-search [-- --organizations 1000000 --searches 3000 --concurrency 8 --plans]
//   --data-dir DIR keeps the cluster in DIR and reuses its organisations on the next run (when the count matches).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Pool } from 'undici';
import { EmbeddedPostgresServer } from '@profila/embedded';
import { AccessTokenIssuer } from '@profila/platform';
import { freePort } from '@profila/testing';
import { postgresCpuMs, processCpuMs } from '../common/process-cpu.js';
import type * as RepositoryModule from '../../apps/registry/src/organizations/organization.repository.js';
import type * as PlacesModule from '../../apps/registry/src/reference-data/italian-places.js';

const { values } = parseArgs({
  options: {
    organizations: { type: 'string', default: '1000000' },
    searches: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '8' },
    plans: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});
const ORGANIZATIONS = Number(values.organizations);
const SEARCHES = Number(values.searches);
const CONCURRENCY = Number(values.concurrency);
const BATCH = 50_000;
const WARM_UP = 3000;

const appModule = (path: string) => new URL(`../../apps/registry/${path}`, import.meta.url).href;
const { OrganizationRepository } = (await import(
  appModule('organizations/organization.repository.js')
)) as typeof RepositoryModule;
const { fold } = (await import(appModule('reference-data/italian-places.js'))) as typeof PlacesModule;
const serviceMain = new URL('../../apps/registry/main.js', import.meta.url).pathname;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const WORDS = (
  'ALFA BETA GAMMA DELTA OMEGA SIGMA ROSSI BIANCHI VERDI FERRARI RUSSO COLOMBO RICCI MARINO GRECO BRUNO GALLO ' +
  'CONTI DE LUCA MANCINI COSTA GIORDANO RIZZO LOMBARDI MORETTI BARBIERI FONTANA SANTORO MARIANI RINALDI CARUSO ' +
  'FERRARA GALLI MARTINI LEONE LONGO GENTILE MARTINELLI VITALE LOMBARDO SERRA COPPOLA DE SANTIS DANGELO MARCHETTI ' +
  'PARISI VILLA CONTE FERRARO FERRI FABBRI BIANCO MARINI GRASSO VALENTINI MESSINA SALA DE ANGELIS GATTI PELLEGRINI ' +
  'PALUMBO SANNA FARINA RIZZI MONTI CATTANEO MORELLI AMATO SILVESTRI MAZZA TESTA GRASSI PELLEGRINO CARBONE ' +
  'GIULIANI BENEDETTI BARONE ROSSETTI CAPUTO MONTANARI GUERRA PALMIERI BERNARDI MARTINO FIORE DE ROSA FERRETTI'
).split(' ');
const SECTORS = [
  'COSTRUZIONI',
  'TRASPORTI',
  'SERVIZI',
  'LOGISTICA',
  'IMPIANTI',
  'INFORMATICA',
  'ALIMENTARI',
  'TESSILE',
];
const FORMS = ['SRL', 'SPA', 'SNC', 'SAS', 'SRLS', 'SOC. COOP.'];

/** A valid 11-digit codice fiscale for organisation number i (the partita IVA check digit). */
function companyCf(i: number): string {
  const base = String(i).padStart(10, '0');
  let sum = 0;
  for (let k = 0; k < 10; k++) {
    const d = Number(base[k]);
    sum += k % 2 === 0 ? d : d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return base + String((10 - (sum % 10)) % 10);
}

const id36 = (i: number) => i.toString(36).toUpperCase();

function name(i: number): string {
  const a = WORDS[i % WORDS.length];
  const b = WORDS[Math.floor(i / WORDS.length) % WORDS.length];
  const s = SECTORS[Math.floor(i / 7) % SECTORS.length];
  return `${a} ${b} ${s} ${id36(i)} ${FORMS[i % FORMS.length]}`;
}

/**
 * What a citizen types in "Associa profilo" when the name does not start with it, in equal parts: a whole common word
 * (one name in eight, ~125,000 matches), a surname and the start of the sector (~1,500), a fragment inside a surname
 * (~25,000), an organisation's own code with its legal form (one or a few), and a misspelt word (no match at all:
 * every candidate of the index has to be looked at).
 */
const SUBSTRINGS: Array<{ label: string; term: (i: number) => string }> = [
  { label: 'common word', term: (i) => SECTORS[i % SECTORS.length] },
  {
    label: 'surname + sector start',
    term: (i) => `${WORDS[(i * 7) % WORDS.length]} ${SECTORS[(i * 3) % SECTORS.length].slice(0, 3)}`,
  },
  { label: 'inside a surname', term: (i) => WORDS.filter((w) => w.length >= 6)[i % 40].slice(2, 6) },
  {
    label: 'code + form',
    term: (i) => {
      const n = ((i * 7919) % ORGANIZATIONS) + 1;
      return `${id36(n)} ${FORMS[n % FORMS.length]}`;
    },
  },
  { label: 'misspelt', term: (i) => ['COSTRUZZIONI', 'TRASPORTTI', 'INFROMATICA', 'LOGGISTICA'][i % 4] },
];

const dataDir = values['data-dir'] ?? (await mkdtemp(join(tmpdir(), 'profila-bench-registry-')));
await mkdir(dataDir, { recursive: true });
await chmod(dataDir, 0o755);
const server = new EmbeddedPostgresServer({
  dataDir: join(dataDir, 'pg'),
  port: await freePort(),
  persistent: values['data-dir'] !== undefined,
});
await server.start();
const databaseUrl = await server.ensureDatabase('bench_registry');
const eventsUrl = await server.ensureDatabase('bench_events');
const { issuer } = await AccessTokenIssuer.generate();

// The service, built, in its own process: it runs its migrations at boot.
const port = await freePort();
const service = spawn(
  process.execPath,
  [...(process.env.REGISTRY_NODE_OPTIONS ?? '').split(' ').filter(Boolean), serviceMain],
  {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      EVENTS_DATABASE_URL: eventsUrl,
      AUTH_JWKS: JSON.stringify(issuer.jwks),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
const origin = `http://127.0.0.1:${port}`;
for (let waited = 0; ; waited += 200) {
  if (service.exitCode !== null) throw new Error(`registry exited with ${service.exitCode}`);
  if (waited > 600_000) throw new Error('registry did not start in 10 minutes');
  const up = await fetch(`${origin}/health/live`).then(
    (r) => r.ok,
    () => false,
  );
  if (up) break;
  await new Promise((r) => setTimeout(r, 200));
}

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const { rows: countRows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM organization');
if (Number(countRows[0].n) === ORGANIZATIONS) {
  console.log(`reusing ${ORGANIZATIONS.toLocaleString('en')} organisations in ${dataDir}`);
} else {
  // Load: drop the organisation's secondary indexes, unnest batches, re-create them from their definitions.
  const loadStart = performance.now();
  const { rows: indexes } = await db.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = 'organization'::regclass AND NOT x.indisprimary`,
  );
  await db.query('TRUNCATE organization CASCADE');
  await db.query(`DROP INDEX ${indexes.map((x) => `"${x.name}"`).join(', ')}`);
  const comuni = ['L378', 'H612', 'H501', 'F205', 'A944', 'L219', 'G273', 'F839'];
  const province = ['TN', 'TN', 'RM', 'MI', 'BO', 'TO', 'PA', 'NA'];
  for (let from = 0; from < ORGANIZATIONS; from += BATCH) {
    const n = Math.min(BATCH, ORGANIZATIONS - from);
    const cfs: string[] = [];
    const names: string[] = [];
    const comune: string[] = [];
    const provincia: string[] = [];
    for (let k = 0; k < n; k++) {
      const i = from + k + 1;
      cfs.push(companyCf(i));
      names.push(name(i));
      comune.push(comuni[i % comuni.length]);
      provincia.push(province[i % province.length]);
    }
    await db.query(
      `INSERT INTO organization (id, kind, codice_fiscale, partita_iva, ragione_sociale, ragione_sociale_norm,
         sede_comune, sede_provincia, sede_indirizzo, email, created_at, updated_at)
       SELECT gen_random_uuid(), 'azienda-italiana', cf, cf, nm, nm, c, p, 'Via del Lavoro 1', 'info@example.it', now(), now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(cf, nm, c, p)`,
      [cfs, names, comune, provincia],
    );
  }
  for (const { name: index, definition } of indexes) {
    const t = performance.now();
    await db.query(definition);
    console.log(`  index ${index} built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  await db.query('VACUUM ANALYZE organization');
  const loadSeconds = (performance.now() - loadStart) / 1000;
  console.log(`loaded ${ORGANIZATIONS.toLocaleString('en')} organisations in ${loadSeconds.toFixed(1)} s`);
}
// The service builds its in-memory name index at boot and follows the load through its notifications (ADR 0015):
// measure once it is idle again.
const settleStart = performance.now();
for (let idle = 0, last = processCpuMs(service.pid!); idle < 4;) {
  await new Promise((r) => setTimeout(r, 500));
  const now = processCpuMs(service.pid!);
  idle = now - last < 50 ? idle + 1 : 0;
  last = now;
  if (performance.now() - settleStart > 600_000) throw new Error('registry still busy after 10 minutes');
}
const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'))?.[1];
console.log(
  `registry idle ${((performance.now() - settleStart) / 1000).toFixed(1)} s after the load; ` +
    `resident memory ${Math.round(Number(rss) / 1024)} MB`,
);
const { rows: indexRows } = await db.query<{ d: string }>(
  `SELECT pg_get_indexdef(indexrelid) || '  (' || pg_size_pretty(pg_relation_size(indexrelid)) || ')' AS d
     FROM pg_index WHERE indrelid = 'organization'::regclass ORDER BY 1`,
);
console.log(`organisation indexes:\n${indexRows.map((r) => `  ${r.d}`).join('\n')}`);

const token = await issuer.issue({ kind: 'citizen', id: 'VNTLNZ88B26I921M' }, 3600);
const headers = { authorization: `Bearer ${token}` };

interface Kind {
  label: string;
  query: (i: number) => string;
  /** Term classes shown by EXPLAIN, one sample each. */
  samples: Array<{ label: string; text: string }>;
  /** The repository call the service makes for this text. */
  repository: (text: string) => Promise<unknown[]>;
}

const dataSource = await new DataSource({
  type: 'postgres',
  url: databaseUrl,
  extra: { max: CONCURRENCY, application_name: 'bench' },
}).initialize();
const repository = new OrganizationRepository();
const manager = dataSource.manager;
const byName = (text: string) => repository.searchByName(manager, fold(text), undefined, 20);
const byCode = (text: string) => repository.searchByCode(manager, text, undefined, 20);

/**
 * EXPLAIN ANALYZE of every statement the repository runs for `text`, captured where it reaches the database: the
 * manager's query runner, or the driver's pool (named statements).
 */
async function explain(kind: Kind, text: string): Promise<string[]> {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const originalQuery = manager.query.bind(manager);
  const originalPool = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  (manager as { query: typeof manager.query }).query = (async (sql: string, params?: unknown[]) => {
    statements.push({ sql, params: params ?? [] });
    return originalQuery(sql, params);
  }) as typeof manager.query;
  (pool as { query: unknown }).query = (config: string | pg.QueryConfig, params?: unknown[]) => {
    if (typeof config === 'string') statements.push({ sql: config, params: params ?? [] });
    else statements.push({ sql: config.text, params: config.values ?? [] });
    return originalPool(config, params);
  };
  try {
    await kind.repository(text);
  } finally {
    (manager as { query: typeof manager.query }).query = originalQuery;
    (pool as { query: unknown }).query = originalPool;
  }
  const lines: string[] = [];
  for (const { sql, params } of statements) {
    await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params); // warm
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    const planning = plan.find((l) => l.startsWith('Planning Time'));
    const exec = plan.find((l) => l.startsWith('Execution Time'));
    const buffers = plan.find((l) => l.trim().startsWith('Buffers'))?.trim();
    const scans = plan
      .filter((l) => /Scan using|Seq Scan|Bitmap Index Scan/.test(l))
      .map((l) =>
        l
          .trim()
          .replace(/^->\s*/, '')
          .replace(/\s+\(cost.*/, '')
          .replace(/ on organization\S*/, ''),
      );
    lines.push(`${exec}, ${planning}, ${buffers ?? ''}; ${scans.join(', ')}`);
    if (values.plans) lines.push(...plan.map((l) => `      ${l}`));
  }
  return lines;
}

const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

interface Timing {
  perSecond: number;
  p50: number;
  p99: number;
  results: number;
  serviceCpu?: number;
  postgresCpu?: number;
}

async function timed(call: (i: number) => Promise<number>, cpu = false): Promise<Timing> {
  const latencies: number[] = [];
  let results = 0;
  // Warm-up, not measured, at the same concurrency and with other terms: the service JIT-compiles its path (its first
  // few thousand requests cost up to twice the CPU of the steady state).
  let warm = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (warm < WARM_UP) await call(SEARCHES + warm++);
    }),
  );
  let next = 0;
  const serviceBefore = processCpuMs(service.pid!);
  const postgresBefore = postgresCpuMs(postmaster);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < SEARCHES) {
        const i = next++;
        const t = performance.now();
        const found = await call(i);
        latencies.push(performance.now() - t);
        results += found;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: SEARCHES / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    results: results / SEARCHES,
    ...(cpu
      ? {
          serviceCpu: (processCpuMs(service.pid!) - serviceBefore) / SEARCHES,
          postgresCpu: (postgresCpuMs(postmaster) - postgresBefore) / SEARCHES,
        }
      : {}),
  };
}

function line(label: string, r: Timing): string {
  const cpu =
    r.serviceCpu === undefined
      ? ''
      : `   CPU/search: service ${r.serviceCpu.toFixed(2)} ms, PostgreSQL ${r.postgresCpu!.toFixed(2)} ms`;
  return (
    `  ${label.padEnd(12)} ${r.perSecond.toFixed(0).padStart(6)} searches/s   p50 ${r.p50.toFixed(1)} ms   ` +
    `p99 ${r.p99.toFixed(1)} ms   (${r.results.toFixed(1)} results/search)${cpu}`
  );
}

const http = new Pool(origin, { connections: CONCURRENCY, pipelining: 1 });

async function run(kind: Kind): Promise<void> {
  console.log(kind.label);
  for (const sample of kind.samples)
    for (const l of await explain(kind, sample.text))
      console.log(`  SQL alone    ${`${sample.label} "${sample.text}"`.padEnd(40)} ${l}`);
  console.log(line('PostgreSQL', await timed(async (i) => (await kind.repository(kind.query(i))).length)));
  const overHttp = await timed(async (i) => {
    const res = await http.request({
      method: 'GET',
      path: `/organizations/search?q=${encodeURIComponent(kind.query(i))}`,
      headers,
    });
    const body = (await res.body.json()) as { items?: unknown[] };
    if (res.statusCode !== 200) throw new Error(`${kind.label}: HTTP ${res.statusCode}`);
    return body.items?.length ?? 0;
  }, true);
  console.log(line('HTTP', overHttp));
}

console.log(
  `concurrency ${CONCURRENCY}, ${SEARCHES} searches each; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const LONG = WORDS.filter((w) => w.length >= 3);
await run({
  label: '3-character ragione sociale',
  query: (i) => LONG[i % LONG.length].slice(0, 3),
  samples: [
    { label: 'prefix', text: 'ROS' },
    { label: 'prefix, few', text: 'ZZZ' },
  ],
  repository: byName,
});
await run({
  label: `substring (${SUBSTRINGS.map((s) => s.label).join(', ')}: one fifth each)`,
  query: (i) => SUBSTRINGS[i % SUBSTRINGS.length].term(Math.floor(i / SUBSTRINGS.length)),
  samples: SUBSTRINGS.map((s) => ({ label: s.label, text: s.term(1) })),
  repository: byName,
});
await run({
  label: 'exact codice fiscale',
  query: (i) => companyCf(((i * 7919) % ORGANIZATIONS) + 1),
  samples: [{ label: 'codice fiscale', text: companyCf(1234) }],
  repository: byCode,
});
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

await http.close();
await dataSource.destroy();
await db.end();
service.kill('SIGTERM');
await new Promise((r) => service.once('exit', r));
await server.stop();
if (values['data-dir'] === undefined) await rm(dataDir, { recursive: true, force: true });
