// The legacy import against real PostgreSQL (one fresh registry database per scenario, migrated by the registry's
// own migrations): dry run, idempotency, kill -9 and --resume through the real CLI in a child process, and one
// fixture per reject reason.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { validateEvent } from '@profila/contracts';
import { generateCodiceFiscale } from '@profila/italian';
import { createTestDatabase } from '@profila/testing';
import { ItalianPlaces, migrateRegistryDatabase } from '#registry/legacy-import';
import { joinLine, LEGACY_COLUMNS } from '../src/format/legacy-format.js';
import { MigrationModule } from '../src/migration.module.js';
import { type ImportOptions, type ImportResult, LegacyImportService } from '../src/pipeline/legacy-import.service.js';
import { RejectReason } from '../src/pipeline/reject-reason.js';
import { generateSample, legacyHash } from '../src/sample/sample-generator.js';

const BATCH = 50;
let work: string;
let sampleDir: string;
let places: ItalianPlaces;
const contexts: INestApplicationContext[] = [];

async function registryDatabase(): Promise<string> {
  const url = await createTestDatabase('migration');
  await migrateRegistryDatabase(url);
  return url;
}

async function importer(url: string): Promise<LegacyImportService> {
  const app = await NestFactory.createApplicationContext(
    MigrationModule.register({ REGISTRY_DATABASE_URL: url, MIGRATION_BATCH_SIZE: BATCH }),
    { logger: false },
  );
  contexts.push(app);
  return app.get(LegacyImportService);
}

async function run(url: string, options: Partial<ImportOptions> = {}): Promise<ImportResult> {
  const service = await importer(url);
  return service.run({ source: sampleDir, progress: false, reportDir: join(work, 'report'), ...options });
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

/** Starts the real CLI on the sample in a child process and kills it (SIGKILL) once it has committed `killAfter` batches. */
async function killMidRun(url: string, killAfter: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [join(process.cwd(), 'dist/apps/migration/main.js'), '--source', sampleDir, '--report', join(work, 'killed')],
    {
      env: { ...process.env, REGISTRY_DATABASE_URL: url, MIGRATION_BATCH_SIZE: String(BATCH) },
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (;;) {
    const rows: Array<{ n: number }> = await query<{ n: number }>(
      url,
      'SELECT count(*)::int AS n FROM legacy_import_batch',
    ).catch(() => [{ n: 0 }]);
    if (rows[0].n >= killAfter) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  await exited;
}

/** How many first occurrences and rejects each run keeps (the rows --resume reads back). */
async function keptByRun(url: string): Promise<Record<number, { firsts: number; rejects: number }>> {
  const rows = await query<{ run_no: number; firsts: number; rejects: number }>(
    url,
    `SELECT run_no, sum(firsts)::int AS firsts, sum(rejects)::int AS rejects FROM (
       SELECT run_no, 1 AS firsts, 0 AS rejects FROM legacy_import_first
       UNION ALL SELECT run_no, 0, 1 FROM legacy_import_reject) kept GROUP BY run_no`,
  );
  return Object.fromEntries(rows.map((r) => [r.run_no, { firsts: r.firsts, rejects: r.rejects }]));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'profila-migration-'));
  sampleDir = join(work, 'sample');
  places = await ItalianPlaces.load();
  await generateSample(sampleDir, places, { companies: 600, staff: 30, raa: 20, bad: 0.05, seed: 7 });
}, 60_000);

afterAll(async () => {
  for (const app of contexts) await app.close();
  await rm(work, { recursive: true, force: true });
});

describe('legacy import', () => {
  it('a dry run prints the plan and the rejected rows, and changes nothing', async () => {
    const url = await registryDatabase();
    const service = await importer(url);
    const before = await service.checksums();
    const result = await run(url, { dryRun: true });
    expect(await service.checksums()).toEqual(before);
    expect(await query(url, 'SELECT * FROM legacy_import_run')).toHaveLength(0);
    expect(result.totals.organizationsCreated).toBeGreaterThan(300);
    expect(result.totals.unitsCreated).toBeGreaterThan(result.totals.organizationsCreated);
    expect(result.rejects.length).toBeGreaterThan(10);
    const scarti = await readFile(join(result.reportDir, 'scarti.csv'), 'utf8');
    expect(scarti.split('\n')[0]).toBe('file;riga;username;codice;motivo;campo');
    expect(scarti).toContain(`aziende.csv;${result.rejects[0].line};`);
  }, 120_000);

  it('a real run imports the accounts, and a second run changes nothing', async () => {
    const url = await registryDatabase();
    const first = await run(url);
    const service = await importer(url);
    const after = await service.checksums();

    // Accounts sharing a CF are one organisation with one unit per login.
    const [orgs] = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM organization`);
    const [cfs] = await query<{ n: number }>(
      url,
      `SELECT count(DISTINCT o.codice_fiscale)::int AS n FROM legacy_account a JOIN organization o ON o.id = a.organization_id`,
    );
    expect(orgs.n).toBe(cfs.n);
    const shared = await query<{ n: number; units: number }>(
      url,
      `SELECT count(*)::int AS n, count(DISTINCT unit_id)::int AS units FROM legacy_account
       WHERE kind = 'azienda' GROUP BY organization_id HAVING count(*) > 1 LIMIT 1`,
    );
    expect(shared[0].units).toBe(shared[0].n);
    // A referent of several companies is one person linked to each.
    const referents = await query<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM legacy_person_link WHERE ruolo = 'referente'
       GROUP BY codice_fiscale HAVING count(*) > 1`,
    );
    expect(referents.length).toBeGreaterThan(0);
    // Region staff are on their sede, in their Region.
    const staff = await query<{ kind: string; tipo_ente: string; descrizione: string }>(
      url,
      `SELECT o.kind, o.tipo_ente, u.descrizione FROM legacy_person_link l JOIN organization o ON o.id = l.organization_id
       JOIN operating_unit u ON u.id = l.unit_id WHERE l.ruolo = 'personale' LIMIT 1`,
    );
    expect(staff[0]).toMatchObject({
      kind: 'ente-operatore',
      descrizione: expect.stringContaining("Centro per l'impiego"),
    });
    // An RAA user's login keeps the PEC and professione of the legacy registration (they pre-fill the new one).
    const raa = await query<{ professione: string | null; pec: string | null; others: number }>(
      url,
      `SELECT min(professione) AS professione, min(pec) AS pec,
              (SELECT count(*)::int FROM legacy_account WHERE kind <> 'raa' AND (pec IS NOT NULL OR professione IS NOT NULL)) AS others
       FROM legacy_account WHERE kind = 'raa'`,
    );
    expect(raa[0]).toMatchObject({ professione: expect.any(String), pec: expect.stringContaining('@'), others: 0 });
    // Nothing is granted by the import alone.
    expect(await query(url, 'SELECT * FROM membership')).toHaveLength(0);
    // The events SARE / COB read, valid against the contracts, one per created organisation and unit.
    const events = await query<{ envelope: unknown }>(url, 'SELECT envelope FROM outbox');
    const types = events.map(({ envelope }) => validateEvent(envelope).type);
    expect(types.filter((t) => t === 'organization.registered')).toHaveLength(first.totals.organizationsCreated);
    expect(types.filter((t) => t === 'unit.created')).toHaveLength(first.totals.unitsCreated);

    const second = await run(url);
    expect(second.totals).toMatchObject({
      organizationsCreated: 0,
      organizationsUpdated: 0,
      unitsCreated: 0,
      unitsUpdated: 0,
      accountsCreated: 0,
      accountsUpdated: 0,
      peopleCreated: 0,
      peopleUpdated: 0,
      linksCreated: 0,
      linksUpdated: 0,
      events: 0,
    });
    expect(second.rejects).toEqual(first.rejects);
    expect(await service.checksums()).toEqual(after);
  }, 120_000);

  it('kill -9 at a random point, then --resume, gives the same counts and checksums as one uninterrupted run', async () => {
    const reference = await registryDatabase();
    const uninterrupted = await run(reference);
    const expected = await (await importer(reference)).checksums();

    const url = await registryDatabase();
    const totalBatches = Math.ceil(uninterrupted.rows / BATCH);
    await killMidRun(url, 1 + Math.floor(Math.random() * (totalBatches - 3)));
    const [committed] = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM legacy_import_batch');
    expect(committed.n).toBeLessThan(totalBatches);

    const resumed = await run(url, { resume: true });
    expect(resumed.resumedAfterBatch).toBe(committed.n);
    expect(resumed.totals).toEqual(uninterrupted.totals);
    expect(resumed.rejects).toEqual(uninterrupted.rejects);
    expect(await (await importer(url)).checksums()).toEqual(expected);
  }, 180_000);

  it('an interrupted import stays resumable while another export is imported to the end', async () => {
    const reference = await registryDatabase();
    const uninterrupted = await run(reference);

    const url = await registryDatabase();
    await killMidRun(url, 2);
    const [committed] = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM legacy_import_batch');
    const interrupted = await keptByRun(url);
    const [interruptedRun] = Object.keys(interrupted).map(Number);
    expect(interrupted[interruptedRun].firsts).toBeGreaterThan(0);

    // Another export (another source, so another run) runs to its end meanwhile: finishing it drops only its own
    // first occurrences and rejects, not those the interrupted run needs to resume.
    const other = join(work, 'other-export');
    await generateSample(other, places, { companies: 40, staff: 0, raa: 0, bad: 0.1, seed: 99 });
    const otherResult = await run(url, { source: other, reportDir: join(work, 'other-report') });
    expect(otherResult.rejects.length).toBeGreaterThan(0);
    expect(await keptByRun(url)).toEqual(interrupted);
    const finished = await query<{ run_no: number }>(
      url,
      'SELECT run_no FROM legacy_import_run WHERE finished_at IS NOT NULL',
    );
    expect(finished.map((r) => r.run_no)).not.toContain(interruptedRun);
    expect(finished).toHaveLength(1);

    // The interrupted run resumes where it stopped and reports every reject of the whole file, the committed
    // batches' included.
    const resumed = await run(url, { resume: true });
    expect(resumed.resumedAfterBatch).toBe(committed.n);
    expect(resumed.rejects).toEqual(uninterrupted.rejects);
    expect(await keptByRun(url)).toEqual({});
  }, 180_000);

  it('finishing a run does not wait for a dry run that holds the bookkeeping tables', async () => {
    const url = await registryDatabase();
    const other = join(work, 'small-export');
    await generateSample(other, places, { companies: 30, staff: 0, raa: 0, bad: 0.1, seed: 5 });
    // A dry run's open transaction has written first occurrences (a lock TRUNCATE would wait for).
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE legacy_import_first, legacy_import_reject IN ROW EXCLUSIVE MODE');
      const result = await run(url, { source: other, reportDir: join(work, 'small-report') });
      expect(result.rejects.length).toBeGreaterThan(0);
      const [finishedRun] = await query<{ finished: boolean }>(
        url,
        'SELECT finished_at IS NOT NULL AS finished FROM legacy_import_run',
      );
      expect(finishedRun.finished).toBe(true);
      await holder.query('COMMIT');
      expect(await keptByRun(url)).toEqual({});
    } finally {
      await holder.end();
    }
  }, 120_000);

  it('rejects every bad row with its reason and line number', async () => {
    const dir = join(work, 'fixtures');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    const cf = (cognome: string, nome: string) =>
      generateCodiceFiscale({ cognome, nome, dataNascita: '1980-01-01', sesso: 'M', codiceCatastale: 'L378' });
    const row = (o: Partial<Record<(typeof LEGACY_COLUMNS.aziende)[number], string>>) => {
      const base: Record<string, string> = {
        username: 'azienda1',
        password_hash: legacyHash('md5', 'segreta'),
        password_scheme: 'md5',
        data_registrazione: '17/11/2022',
        codice_fiscale_azienda: '00097020598',
        ragione_sociale: 'AZIENDA PROVA 1 SRL',
        email: 'info@aziendaprova.it',
        pec: '',
        sede_comune: 'L378',
        sede_provincia: 'TN',
        sede_indirizzo: 'Via del Lavoro 1',
        sede_cap: '38121',
        tipo_accreditamento_sare: 'Datore di lavoro privato',
        referente_codice_fiscale: cf('Venturi', 'Lorenzo'),
        referente_cognome: 'Venturi',
        referente_nome: 'Lorenzo',
        referente_data_nascita: '01/01/1980',
        referente_comune_nascita: 'L378',
        referente_email: 'lorenzo@example.it',
        ...o,
      };
      return joinLine(LEGACY_COLUMNS.aziende.map((c) => base[c]));
    };
    const lines = [
      joinLine(LEGACY_COLUMNS.aziende),
      row({}), // 2: ok
      row({ username: 'azienda2', codice_fiscale_azienda: '00097020599' }), // 3: bad checksum
      row({ username: 'azienda3', sede_comune: 'Atlantide', sede_provincia: 'TN' }), // 4: unknown comune
      row({ username: 'AZIENDA1' }), // 5: duplicate username (case-insensitive)
      row({ username: 'azienda5', ragione_sociale: '' }), // 6: missing mandatory field
      row({ username: 'azienda6', ragione_sociale: 'ALTRA RAGIONE SOCIALE SPA' }), // 7: conflicting data, same CF
      row({ username: 'azienda7', password_scheme: 'des-crypt' }), // 8: unsupported scheme
      row({ username: 'azienda8' }).split(';').slice(0, 10).join(';'), // 9: malformed
      row({ username: 'azienda9', data_registrazione: '31/02/2022' }), // 10: bad value
      row({ username: 'azienda10', referente_codice_fiscale: cf('Rossi', 'Mario').slice(0, 15) + 'X' }), // 11
      row({ username: 'azienda11', referente_nome: 'Lorenza' }), // 12: referent conflict, same CF
      row({ username: 'azienda12', sede_comune: 'Rovereto', sede_provincia: 'TN' }), // 13: ok, comune by name
    ];
    await writeFile(join(dir, 'aziende.csv'), lines.join('\n') + '\n');
    const url = await registryDatabase();
    const result = await run(url, { source: dir, dryRun: true });
    expect(result.rejects.map((r) => [r.line, r.reason, r.field])).toEqual([
      [3, RejectReason.CODICE_FISCALE_NON_VALIDO, 'codice_fiscale_azienda'],
      [4, RejectReason.COMUNE_SCONOSCIUTO, 'sede_comune'],
      [5, RejectReason.USERNAME_DUPLICATO, 'username'],
      [6, RejectReason.CAMPO_OBBLIGATORIO_MANCANTE, 'ragione_sociale'],
      [7, RejectReason.DATI_IN_CONFLITTO, 'ragione_sociale'],
      [8, RejectReason.SCHEMA_PASSWORD_NON_SUPPORTATO, 'password_scheme'],
      [9, RejectReason.RIGA_MALFORMATA, ''],
      [10, RejectReason.VALORE_NON_VALIDO, 'data_registrazione'],
      [11, RejectReason.CODICE_FISCALE_NON_VALIDO, 'referente_codice_fiscale'],
      [12, RejectReason.DATI_IN_CONFLITTO, 'referente_codice_fiscale'],
    ]);
    expect(result.accepted).toBe(2);
    expect(result.totals).toMatchObject({
      organizationsCreated: 1,
      unitsCreated: 2,
      peopleCreated: 1,
      linksCreated: 1,
    });
  });
});
