// The legacy import's cross-row decisions live in the registry's database (legacy_import_first), one look-up per
// batch: against real PostgreSQL, the decisions do not depend on where the batches are cut, and the CLI's heap does
// not grow with the file.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { createTestDatabase } from '@profila/testing';
import { ItalianPlaces, migrateRegistryDatabase } from '#registry/legacy-import';
import { joinLine, LEGACY_COLUMNS, splitLine } from '../src/format/legacy-format.js';
import { MigrationModule } from '../src/migration.module.js';
import { type ImportOptions, type ImportResult, LegacyImportService } from '../src/pipeline/legacy-import.service.js';
import { RejectReason } from '../src/pipeline/reject-reason.js';
import { generateSample } from '../src/sample/sample-generator.js';

let work: string;
let places: ItalianPlaces;
const contexts: INestApplicationContext[] = [];

async function registryDatabase(): Promise<string> {
  const url = await createTestDatabase('migration_first');
  await migrateRegistryDatabase(url);
  return url;
}

async function run(url: string, source: string, options: Partial<ImportOptions> = {}): Promise<ImportResult> {
  const app = await NestFactory.createApplicationContext(
    MigrationModule.register({ REGISTRY_DATABASE_URL: url, MIGRATION_BATCH_SIZE: 10_000 }),
    { logger: false },
  );
  contexts.push(app);
  return app.get(LegacyImportService).run({ source, progress: false, reportDir: join(work, 'report'), ...options });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * What a run decided, without the two figures that describe batches rather than rows. linksStaged counts the link
 * rows handed to the upsert: a referent's link repeated by two logins of the same company is staged once per batch it
 * appears in (created once, unchanged after). events: an organisation whose later login, in a later batch, adds a
 * SARE accreditation gets an `organization.updated` event for that batch (ADR 0014 decision 5: the events are what
 * each transaction changed). The links and accreditations created are the same.
 */
function decisions(result: ImportResult) {
  const { linksStaged: _linksStaged, events: _events, ...totals } = result.totals;
  const { outbox: _outbox, ...checksums } = result.checksums ?? {};
  return {
    rows: result.rows,
    accepted: result.accepted,
    rejected: result.rejected,
    rejects: result.rejects,
    rejectsByReason: result.rejectsByReason,
    totals,
    checksums,
  };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'profila-migration-first-'));
  places = await ItalianPlaces.load();
}, 60_000);

afterAll(async () => {
  for (const app of contexts) await app.close();
  await rm(work, { recursive: true, force: true });
});

describe('first occurrences in the database', () => {
  it('decide the same rows, reasons, counts and data with batches of 7 as with batches of 10,000', async () => {
    const source = join(work, 'batches');
    // Many duplicates and conflicts (a fifth of the rows are bad, a quarter of those duplicate usernames or conflict
    // with an earlier row of the same CF), shared CFs and referents, staff on shared sedi.
    await generateSample(source, places, { companies: 500, staff: 80, raa: 30, bad: 0.2, seed: 13 });
    // Cross-file decisions: RAA rows that repeat a company login's username (another case) or its referent's CF
    // with another name (conflict) or the same person (accepted, not a new person).
    const aziende = (await readFile(join(source, 'aziende.csv'), 'utf8')).split('\n').slice(1).filter(Boolean);
    const companies = aziende
      .map((line) => splitLine(line))
      .filter((f) => f.length === LEGACY_COLUMNS.aziende.length)
      .map((f) => Object.fromEntries(LEGACY_COLUMNS.aziende.map((c, i) => [c, f[i]])));
    const raaLine = (c: Record<string, string>, username: string, nome: string) =>
      joinLine(
        LEGACY_COLUMNS.raa.map(
          (col) =>
            ({
              username,
              password_hash: c.password_hash,
              password_scheme: c.password_scheme,
              data_registrazione: c.data_registrazione,
              codice_fiscale: c.referente_codice_fiscale,
              cognome: c.referente_cognome,
              nome,
              data_nascita: c.referente_data_nascita,
              comune_nascita: c.referente_comune_nascita,
              email: c.referente_email,
              pec: '',
              professione: 'Avvocato',
            })[col],
        ),
      );
    const extra = [
      raaLine(companies[3], companies[3].username.toUpperCase(), companies[3].referente_nome), // duplicate username
      raaLine(companies[40], 'raa-conflict-1', `${companies[40].referente_nome}X`), // conflict: other name, same CF
      raaLine(companies[41], 'raa-same-person', companies[41].referente_nome), // same person: accepted
      raaLine(companies[41], 'raa-same-person-2', `${companies[41].referente_nome}Y`), // conflict in the same batch
    ];
    await writeFile(join(source, 'raa.csv'), `${await readFile(join(source, 'raa.csv'), 'utf8')}${extra.join('\n')}\n`);

    const small = await registryDatabase();
    const large = await registryDatabase();
    const bySeven = await run(small, source, { batchSize: 7 });
    const byTenThousand = await run(large, source, { batchSize: 10_000 });
    const dryBySeven = await run(await registryDatabase(), source, { batchSize: 7, dryRun: true });

    expect(bySeven.rejectsByReason[RejectReason.USERNAME_DUPLICATO]).toBeGreaterThan(5);
    expect(bySeven.rejectsByReason[RejectReason.DATI_IN_CONFLITTO]).toBeGreaterThan(5);
    const raaRejects = bySeven.rejects.filter((r) => r.file === 'raa.csv').map((r) => [r.username, r.reason, r.field]);
    expect(raaRejects).toEqual([
      [companies[3].username.toUpperCase(), RejectReason.USERNAME_DUPLICATO, 'username'],
      ['raa-conflict-1', RejectReason.DATI_IN_CONFLITTO, 'codice_fiscale'],
      ['raa-same-person-2', RejectReason.DATI_IN_CONFLITTO, 'codice_fiscale'],
    ]);
    expect(decisions(bySeven)).toEqual(decisions(byTenThousand));
    expect(bySeven.checksums?.legacy_account.rows).toBe(bySeven.accepted);
    // The dry run sees, inside its one transaction, the first occurrences of its earlier batches: the same plan.
    expect({ ...decisions(dryBySeven), checksums: null }).toEqual({ ...decisions(bySeven), checksums: null });
    expect(dryBySeven.totals).toEqual(bySeven.totals);
    const report = (r: ImportResult) => readFile(join(r.reportDir, 'scarti.csv'), 'utf8');
    expect(await report(bySeven)).toBe(await report(byTenThousand));
    // A finished run leaves no first occurrences or rejects behind: the next run of the same files starts afresh.
    expect(await query(small, 'SELECT * FROM legacy_import_first')).toHaveLength(0);
    expect(await query(small, 'SELECT * FROM legacy_import_reject')).toHaveLength(0);
  }, 180_000);

  it('keep the heap flat: after a full GC it is the same at the end of the file as a third of the way in', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const source = join(work, 'memory');
    // 48,000 rows of distinct usernames and mostly distinct CFs, 192 batches of 250. Held in the process, the first
    // occurrences of the rows between the first and the last samples (≈ 27,500) would take ≥ 3.5 MB (≥ 130 bytes per
    // row with their keys copied out of the lines; ADR 0014 measured ≈ 300 for the old maps).
    await generateSample(source, places, { companies: 48_000, staff: 0, raa: 0, bad: 0.02, seed: 5 });
    const url = await registryDatabase();
    const heap: number[] = [];
    const result = await run(url, source, {
      batchSize: 250,
      onBatch: (no) => {
        // From batch 60 on (the first batches compile the pipeline's code and fill the pools), every 10th.
        if (no < 60 || no % 10 !== 0) return;
        gc();
        gc();
        // Live objects, without the JIT's code space (which grows a little as functions get optimised).
        const code = getHeapSpaceStatistics().find((s) => s.space_name === 'code_space')?.space_used_size ?? 0;
        heap.push(process.memoryUsage().heapUsed - code);
      },
    });
    expect(result.rows).toBe(48_000);
    expect(heap).toHaveLength(14); // batches 60, 70, …, 190
    // What varies between samples is the batches in flight (the one applied, the next one read and decoded, and the
    // 64 KB chunks of text they span): ≈ 1 MB. The median of the first three samples against the last three.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    const growth = median(heap.slice(-3)) - median(heap.slice(0, 3));
    expect(growth).toBeLessThan(1_500_000);
  }, 300_000);
});
