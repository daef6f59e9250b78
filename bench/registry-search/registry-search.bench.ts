// Organisation search through the real registry service: 1,000,000 organisations in PostgreSQL (embedded, loaded with
// unnest batches; indexes built after the load, as the migration defines them), the registry Nest app in-process,
// GET /organizations/search over HTTP with an access token, at concurrency 8. Three kinds of search: 3 characters of
// ragione sociale (prefix), a substring in the middle of the name (trigram index), an exact codice fiscale.
//   npm run bench:registry-search [-- --organizations 1000000 --searches 3000 --concurrency 8]
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { EmbeddedPostgresServer } from '@profila/embedded';
import { AccessTokenIssuer } from '@profila/platform';
import { freePort } from '@profila/testing';
import type * as RegistryAppModule from '../../apps/registry/src/registry.app.js';
import type * as RegistryEnvModule from '../../apps/registry/src/config/registry.env.js';

const { values } = parseArgs({
  options: {
    organizations: { type: 'string', default: '1000000' },
    searches: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '8' },
  },
});
const ORGANIZATIONS = Number(values.organizations);
const SEARCHES = Number(values.searches);
const CONCURRENCY = Number(values.concurrency);
const BATCH = 50_000;

const appModule = (path: string) => new URL(`../../apps/registry/${path}`, import.meta.url).href;
const { createRegistryApp } = (await import(appModule('registry.app.js'))) as typeof RegistryAppModule;
const { loadRegistryEnv } = (await import(appModule('config/registry.env.js'))) as typeof RegistryEnvModule;

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

async function run(label: string, query: (i: number) => string): Promise<void> {
  const latencies: number[] = [];
  let results = 0;
  let next = 0;
  // Warm-up, not measured.
  for (let i = 0; i < 50; i++)
    await fetch(`${baseUrl}/organizations/search?q=${encodeURIComponent(query(i))}`, { headers });
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < SEARCHES) {
        const i = next++;
        const t = performance.now();
        const res = await fetch(`${baseUrl}/organizations/search?q=${encodeURIComponent(query(i))}`, { headers });
        const body = (await res.json()) as { items?: unknown[] };
        latencies.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status}`);
        results += body.items?.length ?? 0;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} ${(SEARCHES / seconds).toFixed(0).padStart(6)} searches/s   p50 ${percentile(latencies, 50).toFixed(1)} ms   ` +
      `p99 ${percentile(latencies, 99).toFixed(1)} ms   (${(results / SEARCHES).toFixed(1)} results/search)`,
  );
}

console.log(`concurrency ${CONCURRENCY}, ${SEARCHES} searches each, GET /organizations/search over HTTP`);
const LONG = WORDS.filter((w) => w.length >= 3);
await run('3-character ragione sociale', (i) => LONG[i % LONG.length].slice(0, 3));
await run(
  'substring (sector + id fragment)',
  (i) => `${SECTORS[i % SECTORS.length].slice(2, 7)} ${(i * 7919 + 1).toString(36).toUpperCase().slice(0, 2)}`,
);
await run('exact codice fiscale', (i) => companyCf(((i * 7919) % ORGANIZATIONS) + 1));

await db.end();
await app.close();
await server.stop();
await rm(dataDir, { recursive: true, force: true });
