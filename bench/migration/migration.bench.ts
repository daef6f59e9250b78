// The legacy import end to end on 1,000,000 realistic company logins (valid CFs, real comuni, 30% sharing a CF, 2%
// bad rows), against an embedded PostgreSQL, through the real pipeline (parse → validate → COPY into the registry's
// staging tables → set-based upserts → outbox events → checkpoint, one transaction per batch). For scale, the raw
// COPY of the same file into one table of text columns, in the same run. Peak RSS of this process (the generator
// runs in a child process, so its memory is not counted).
// The live heap (after a full GC at a quarter, half, three quarters and the end of the batches) shows whether the
// import keeps state that grows with the file; peak RSS is that plus the garbage V8 lets pile up between full GCs.
// CPU time is printed too (this process, and the PostgreSQL backend that ran the import, read from /proc): on a
// shared machine it is the steadier figure.
// Last, the floor of any importer: every row the import left in the registry's tables, COPYed out and then COPYed
// (binary, no parsing) into empty tables with the same columns, indexes and constraints. No validation, grouping,
// upsert, event building or checkpoint: only storing what the import must store. Its time against the raw COPY
// says what ratio any import of this file could reach here.
//   npm run bench:migration [-- --rows 1000000 --batch-size 50000]
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { EmbeddedPostgresServer } from '@profila/embedded';
import { freePort } from '@profila/testing';
import { processCpuMs } from '../common/process-cpu.js';
import { migrateRegistryDatabase } from '#registry/legacy-import';
import type * as ModuleFile from '../../apps/migration/src/migration.module.js';
import type * as ServiceFile from '../../apps/migration/src/pipeline/legacy-import.service.js';
import type * as FormatFile from '../../apps/migration/src/format/legacy-format.js';
import type * as EnvFile from '../../apps/migration/src/config/migration.env.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'batch-size': { type: 'string' },
  },
});
const ROWS = Number(values.rows);

// apps/migration compiled beside this bench (dist/apps/migration), loaded at run time like the other benches.
const app = (path: string) => new URL(`../../apps/migration/${path}`, import.meta.url).href;
const { MigrationModule } = (await import(app('migration.module.js'))) as typeof ModuleFile;
const { LegacyImportService } = (await import(app('pipeline/legacy-import.service.js'))) as typeof ServiceFile;
const { LEGACY_COLUMNS, splitLine } = (await import(app('format/legacy-format.js'))) as typeof FormatFile;
const { MigrationEnv } = (await import(app('config/migration.env.js'))) as typeof EnvFile;
const BATCH = Number(values['batch-size'] ?? new MigrationEnv().MIGRATION_BATCH_SIZE);

const work = await mkdtemp(join(tmpdir(), 'profila-bench-migration-'));
await chmod(work, 0o755);
const source = join(work, 'export');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

process.stdout.write(`generating ${fmt(ROWS)} legacy rows…\n`);
const generated = Date.now();
const gen = spawnSync(
  process.execPath,
  [fileURLToPath(app('sample/main.js')), '--out', source, '--companies', String(ROWS), '--staff', '0', '--raa', '0'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
if (gen.status !== 0) throw new Error('sample generator failed');
const file = join(source, 'aziende.csv');
const bytes = (await stat(file)).size;
process.stdout.write(`  ${(bytes / 1e6).toFixed(0)} MB in ${((Date.now() - generated) / 1000).toFixed(1)} s\n`);

const server = new EmbeddedPostgresServer({ dataDir: join(work, 'pg'), port: await freePort(), persistent: false });
await server.start();
try {
  // Raw COPY of the same file into one table (text columns, no index): the ceiling of what PostgreSQL takes in.
  const rawUrl = await server.ensureDatabase('bench_raw_copy');
  const raw = new pg.Client({ connectionString: rawUrl });
  await raw.connect();
  await raw.query(`CREATE TABLE legacy_raw (${LEGACY_COLUMNS.aziende.map((c) => `${c} text`).join(', ')})`);
  // Only the well-formed lines: COPY stops at the first line with a missing field (prepared before the clock starts).
  const wellFormed = join(work, 'well-formed.csv');
  const columns = LEGACY_COLUMNS.aziende.length;
  let rawRows = 0;
  await pipeline(
    createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity }),
    async function* (lines: AsyncIterable<string>) {
      for await (const line of lines) {
        if (splitLine(line).length !== columns) continue;
        rawRows++;
        yield line + '\n';
      }
    },
    createWriteStream(wellFormed, { highWaterMark: 1 << 20 }),
  );
  rawRows--; // the header
  const copyStarted = Date.now();
  await pipeline(
    createReadStream(wellFormed, { highWaterMark: 1 << 20 }),
    raw.query(copyFrom(`COPY legacy_raw FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)`)),
  );
  const copySeconds = (Date.now() - copyStarted) / 1000;
  await raw.end();

  // The import, end to end (reading, validation, grouping, staging, upserts, events, checkpoints).
  const url = await server.ensureDatabase('bench_registry');
  await migrateRegistryDatabase(url);
  const context = await NestFactory.createApplicationContext(
    MigrationModule.register({ REGISTRY_DATABASE_URL: url, MIGRATION_BATCH_SIZE: BATCH }),
    { logger: ['error'] },
  );
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const batches = Math.ceil(ROWS / BATCH);
  const marks = new Set([0.25, 0.5, 0.75, 1].map((f) => Math.max(1, Math.round(f * batches))));
  const liveHeap: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  const result = await context.get(LegacyImportService).run({
    source,
    reportDir: join(work, 'report'),
    progress: true,
    batchSize: BATCH,
    onBatch: (no) => {
      if (!marks.has(no)) return;
      gc();
      liveHeap.push(process.memoryUsage().heapUsed);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // The import's connection is still in the pool (idle): its backend's CPU is the database's share of the work.
  const observer = new pg.Client({ connectionString: url });
  await observer.connect();
  const backends = await observer.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE application_name = 'profila-migration'`,
  );
  await observer.end();
  let pgCpu = 0;
  for (const { pid } of backends.rows) pgCpu += processCpuMs(pid) / 1000;
  await context.close();
  const floor = await storeFloor(url);

  const rate = result.rows / seconds;
  const copyRate = rawRows / copySeconds;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const t = result.totals;
  process.stdout.write(
    [
      '',
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}${loadavg()[0] > cpus().length ? ' (busy: more runnable processes than cores)' : ''}`,
      `rows: ${fmt(result.rows)} (${fmt(result.accepted)} imported, ${fmt(result.rejected)} rejected)`,
      `created: ${fmt(t.organizationsCreated)} organisations, ${fmt(t.unitsCreated)} units, ` +
        `${fmt(t.accountsCreated)} legacy logins, ${fmt(t.peopleCreated)} people, ${fmt(t.linksCreated)} links, ` +
        `${fmt(t.events)} outbox events`,
      `end to end:  ${seconds.toFixed(1)} s  ${fmt(rate)} rows/s  (batch ${fmt(BATCH)})`,
      `raw COPY:    ${copySeconds.toFixed(1)} s  ${fmt(copyRate)} rows/s  (same file's ${fmt(rawRows)} well-formed rows, one table, no index)`,
      `ratio:       ${((rate / copyRate) * 100).toFixed(1)}% of raw COPY`,
      `CPU:         import process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, PostgreSQL backend ${pgCpu.toFixed(1)} s ` +
        `(${(((cpu.user + cpu.system) / 1e6 / result.rows) * 1e6).toFixed(0)} + ${((pgCpu / result.rows) * 1e6).toFixed(0)} µs per row)`,
      `floor:       ${floor.seconds.toFixed(1)} s  to store the import's ${fmt(floor.rows)} rows with nothing else done ` +
        `(COPY, binary, into empty tables with the same indexes; best ratio any import could reach: ` +
        `${((copySeconds / floor.seconds) * 100).toFixed(1)}% of raw COPY)`,
      ...floor.tables.map(
        ({ table, rows, seconds }) =>
          `               ${table.padEnd(28)} ${fmt(rows).padStart(11)} rows  ${seconds.toFixed(2)} s`,
      ),
      `peak RSS:    ${rssMb.toFixed(0)} MB (this process; PostgreSQL not included)`,
      `live heap:   ${liveHeap.map((b) => (b / 1e6).toFixed(0)).join(' → ')} MB (after a full GC at 25/50/75/100% of the batches)`,
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await server.stop();
  await rm(work, { recursive: true, force: true });
}

/** Every non-empty table of the registry's database, COPYed out, then into an empty copy (same indexes), timed. */
async function storeFloor(
  url: string,
): Promise<{ seconds: number; rows: number; tables: Array<{ table: string; rows: number; seconds: number }> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: names } = await client.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'migrations' ORDER BY 1`,
    );
    await client.query('CREATE SCHEMA bench_floor');
    const tables: Array<{ table: string; rows: number; seconds: number }> = [];
    for (const { table } of names) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public."${table}"`);
      const count = Number(rows[0].n);
      if (count === 0) continue;
      const dump = join(work, `floor-${table}.bin`);
      await pipeline(client.query(copyTo(`COPY public."${table}" TO STDOUT (FORMAT binary)`)), createWriteStream(dump));
      await client.query(`CREATE TABLE bench_floor."${table}" (LIKE public."${table}" INCLUDING ALL)`);
      const started = process.hrtime.bigint();
      await pipeline(
        createReadStream(dump, { highWaterMark: 1 << 20 }),
        client.query(copyFrom(`COPY bench_floor."${table}" FROM STDIN (FORMAT binary)`)),
      );
      tables.push({ table, rows: count, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
      await rm(dump);
    }
    return {
      seconds: tables.reduce((sum, t) => sum + t.seconds, 0),
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      tables,
    };
  } finally {
    await client.end();
  }
}
