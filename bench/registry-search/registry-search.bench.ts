// Organisation search through the real registry service: 1,000,000 organisations in PostgreSQL (embedded, loaded with
// unnest batches; indexes built after the load, as the migration defines them), the registry Nest app in-process,
// GET /organizations/search over HTTP with an access token, at concurrency 8. Three kinds of search: 3 characters of
// ragione sociale (prefix), a substring in the middle of the name (trigram index), an exact codice fiscale.
// Each search kind is timed three ways, to tell SQL from the rest: EXPLAIN ANALYZE of the repository's query (the
// database alone), the repository called in-process at the same concurrency (SQL + driver, no HTTP), then over HTTP.
//   npm run bench:registry-search [-- --organizations 1000000 --searches 3000 --concurrency 8]
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { EmbeddedPostgresServer } from '@profila/embedded';
import { AccessTokenIssuer } from '@profila/platform';
import { freePort } from '@profila/testing';
import type * as RegistryAppModule from '../../apps/registry/src/registry.app.js';
import type * as RegistryEnvModule from '../../apps/registry/src/config/registry.env.js';
import type * as RepositoryModule from '../../apps/registry/src/organizations/organization.repository.js';
import type * as PlacesModule from '../../apps/registry/src/reference-data/italian-places.js';

const { values } = parseArgs({
  options: {
    organizations: { type: 'string', default: '1000000' },
    searches: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '8' },
    plans: { type: 'boolean', default: false },
  },
});
const ORGANIZATIONS = Number(values.organizations);
const SEARCHES = Number(values.searches);
const CONCURRENCY = Number(values.concurrency);
const BATCH = 50_000;

const appModule = (path: string) => new URL(`../../apps/registry/${path}`, import.meta.url).href;
const { createRegistryApp } = (await import(appModule('registry.app.js'))) as typeof RegistryAppModule;
const { loadRegistryEnv } = (await import(appModule('config/registry.env.js'))) as typeof RegistryEnvModule;
const { OrganizationRepository } = (await import(
  appModule('organizations/organization.repository.js')
)) as typeof RepositoryModule;
const { fold } = (await import(appModule('reference-data/italian-places.js'))) as typeof PlacesModule;

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

function name(i: number): string {
  const a = WORDS[i % WORDS.length];
  const b = WORDS[Math.floor(i / WORDS.length) % WORDS.length];
  const s = SECTORS[Math.floor(i / 7) % SECTORS.length];
  return `${a} ${b} ${s} ${i.toString(36).toUpperCase()} ${FORMS[i % FORMS.length]}`;
}

const dataDir = await mkdtemp(join(tmpdir(), 'profila-bench-registry-'));
await chmod(dataDir, 0o755);
const server = new EmbeddedPostgresServer({ dataDir: join(dataDir, 'pg'), port: await freePort(), persistent: false });
await server.start();
const databaseUrl = await server.ensureDatabase('bench_registry');
const eventsUrl = await server.ensureDatabase('bench_events');
const { issuer } = await AccessTokenIssuer.generate();
const app = await createRegistryApp(
  loadRegistryEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    EVENTS_DATABASE_URL: eventsUrl,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
  }),
);
await app.listen(0, '127.0.0.1');
const baseUrl = await app.getUrl();

// Load: drop the search indexes, unnest batches, rebuild the indexes (what a bulk import does).
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const loadStart = performance.now();
await db.query('DROP INDEX organization_name_prefix, organization_name_trgm, organization_codice_identificativo');
await db.query('DROP INDEX organization_codice_fiscale_unique');
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
await db.query(
  `CREATE UNIQUE INDEX organization_codice_fiscale_unique ON organization (codice_fiscale) WHERE kind <> 'azienda-estera'`,
);
await db.query(`CREATE INDEX organization_name_prefix ON organization (ragione_sociale_norm COLLATE "C", id)`);
await db.query(`CREATE INDEX organization_name_trgm ON organization USING gin (ragione_sociale_norm gin_trgm_ops)`);
await db.query(`CREATE INDEX organization_codice_identificativo ON organization (codice_identificativo)`);
await db.query('VACUUM ANALYZE organization');
const loadSeconds = (performance.now() - loadStart) / 1000;
console.log(`loaded ${ORGANIZATIONS.toLocaleString('en')} organisations in ${loadSeconds.toFixed(1)} s`);

const token = await issuer.issue({ kind: 'citizen', id: 'VNTLNZ88B26I921M' }, 3600);
const headers = { authorization: `Bearer ${token}` };

interface Kind {
  label: string;
  query: (i: number) => string;
  /** The repository call the service makes for this text. */
  repository: (text: string) => Promise<unknown[]>;
}

const repository = app.get(OrganizationRepository);
const manager = app.get(DataSource).manager;
const byName = (text: string) => repository.searchByName(manager, fold(text), undefined, 20);
const byCode = (text: string) => repository.searchByCode(manager, text, undefined, 20);

/** EXPLAIN ANALYZE of every statement the repository runs for `text`, captured through the driver. */
async function explain(kind: Kind, text: string): Promise<string[]> {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const original = manager.query.bind(manager);
  (manager as { query: typeof manager.query }).query = (async (sql: string, params?: unknown[]) => {
    statements.push({ sql, params: params ?? [] });
    return original(sql, params);
  }) as typeof manager.query;
  try {
    await kind.repository(text);
  } finally {
    (manager as { query: typeof manager.query }).query = original;
  }
  const lines: string[] = [];
  for (const { sql, params } of statements) {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    const exec = plan.find((l) => l.startsWith('Execution Time'));
    lines.push(`${exec}  <- ${plan[0].trim().slice(0, 90)}`);
    if (values.plans) lines.push(...plan.map((l) => `      ${l}`));
  }
  return lines;
}

async function timed(
  label: string,
  call: (i: number) => Promise<number>,
): Promise<{ perSecond: number; p50: number; p99: number; results: number }> {
  const latencies: number[] = [];
  let results = 0;
  let next = 0;
  for (let i = 0; i < 50; i++) await call(i); // warm-up, not measured
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
  };
}

function line(label: string, r: { perSecond: number; p50: number; p99: number; results: number }): string {
  return (
    `  ${label.padEnd(12)} ${r.perSecond.toFixed(0).padStart(6)} searches/s   p50 ${r.p50.toFixed(1)} ms   ` +
    `p99 ${r.p99.toFixed(1)} ms   (${r.results.toFixed(1)} results/search)`
  );
}

async function run(kind: Kind): Promise<void> {
  console.log(kind.label);
  for (const l of await explain(kind, kind.query(1))) console.log(`  SQL alone    ${l}`);
  console.log(line('repository', await timed(kind.label, async (i) => (await kind.repository(kind.query(i))).length)));
  const http = await timed(kind.label, async (i) => {
    const res = await fetch(`${baseUrl}/organizations/search?q=${encodeURIComponent(kind.query(i))}`, { headers });
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200) throw new Error(`${kind.label}: HTTP ${res.status}`);
    return body.items?.length ?? 0;
  });
  console.log(line('HTTP', http));
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
  repository: byName,
});
await run({
  label: 'substring (sector + id fragment)',
  query: (i) => `${SECTORS[i % SECTORS.length].slice(2, 7)} ${(i * 7919 + 1).toString(36).toUpperCase().slice(0, 2)}`,
  repository: byName,
});
await run({
  label: 'exact codice fiscale',
  query: (i) => companyCf(((i * 7919) % ORGANIZATIONS) + 1),
  repository: byCode,
});
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

await db.end();
await app.close();
await server.stop();
await rm(dataDir, { recursive: true, force: true });
