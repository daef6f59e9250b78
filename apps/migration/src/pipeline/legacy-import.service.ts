import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { open, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import {
  type BatchCounts,
  type Checkpoint,
  type ImportRun,
  type ItalianPlaces,
  legacyId,
  LegacyImportRepository,
  type RejectedRow,
  type TableChecksum,
} from '#registry/legacy-import';
import { FILE_ORDER, fileKindOf, type LegacyFileKind, splitLine } from '../format/legacy-format.js';
import { ITALIAN_PLACES, MIGRATION_ENV, REGISTRY_POOL } from '../migration.tokens.js';
import type { MigrationEnv } from '../config/migration.env.js';
import { BatchBuilder } from './batch-builder.js';
import { batchKeys, decideBatch, mergeByLine } from './first-occurrences.js';
import { Progress } from './progress.js';
import { type Reject, RejectReason } from './reject-reason.js';
import { RejectReport, rejectLine } from './reject-report.js';
import { type LegacyRecord, RowDecoder } from './row-decoder.js';

export interface ImportOptions {
  /** A CSV file or a folder of them. */
  source: string;
  dryRun?: boolean;
  resume?: boolean;
  /** Where the report goes (default `migration-report/<run>` under the working directory). */
  reportDir?: string;
  batchSize?: number;
  /** Show the progress line on stderr (default true). */
  progress?: boolean;
  /** Called after each batch is applied (committed, or in a dry run written in its transaction): monitoring. */
  onBatch?: (batchNo: number) => void;
}

export interface SourceFile {
  path: string;
  name: string;
  kind: LegacyFileKind;
  size: number;
}

/** Per kind: staged (read and valid), created, updated; unchanged is the rest. */
export type ImportTotals = BatchCounts & {
  organizationsStaged: number;
  unitsStaged: number;
  accountsStaged: number;
  peopleStaged: number;
  linksStaged: number;
};

export interface ImportResult {
  runId: string | null;
  dryRun: boolean;
  resumedAfterBatch: number | null;
  files: SourceFile[];
  rows: number;
  accepted: number;
  /** How many rows were rejected (scarti.csv lists them all). */
  rejected: number;
  /** The first REJECTS_IN_RESULT rejected rows, in file order (all of them when there are fewer). */
  rejects: Reject[];
  rejectsByReason: Record<string, number>;
  totals: ImportTotals;
  checksums: Record<string, TableChecksum> | null;
  reportDir: string;
  elapsedMs: number;
}

/** A batch between its two phases: the statelessly valid records and the rows already rejected, in line order. */
interface PendingBatch {
  records: LegacyRecord[];
  rejects: RejectedRow[];
  /** Non-blank lines of the batch (valid or not): the checkpoint's row count. */
  lines: number;
}

/**
 * The read buffer: 64 KB of text per chunk. The records of a batch are slices of their lines, and the lines of their
 * chunk, so the chunks a batch spans stay alive until it is applied; 64 KB strings are ordinary heap objects (1 MB
 * ones go to V8's large-object space) and pin little more than the batch's own text.
 */
const READ_CHUNK = 1 << 16;

/** Rejects of the committed batches read back per page on --resume. */
const REJECT_PAGE = 5000;

const ZERO: ImportTotals = {
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
  organizationsStaged: 0,
  unitsStaged: 0,
  accountsStaged: 0,
  peopleStaged: 0,
  linksStaged: 0,
};

/**
 * The import pipeline (ADR 0014): stream the files line by line, decode and validate each row, cut batches, and for
 * each batch resolve existing organisations, COPY into the registry's staging tables and apply, then checkpoint, in
 * one transaction. While PostgreSQL applies a batch, the next one is read and validated.
 */
@Injectable()
export class LegacyImportService {
  private readonly repository = new LegacyImportRepository();

  constructor(
    @Inject(REGISTRY_POOL) private readonly pool: Pool,
    @Inject(ITALIAN_PLACES) private readonly places: ItalianPlaces,
    @Inject(MIGRATION_ENV) private readonly env: MigrationEnv,
  ) {}

  async run(options: ImportOptions): Promise<ImportResult> {
    const started = Date.now();
    const dryRun = Boolean(options.dryRun);
    const batchSize = options.batchSize ?? this.env.MIGRATION_BATCH_SIZE;
    const files = await listSources(options.source);
    const sourceHash = await hashSources(files);
    const client = await this.pool.connect();
    let report: RejectReport | null = null;
    try {
      if (!(await this.repository.schemaReady(client))) {
        throw new Error('Il database del registry non ha le tabelle della migrazione: avviare prima il registry.');
      }
      await this.repository.prepareSession(client, this.places);

      let run: ImportRun | null = null;
      let checkpoint: Checkpoint | null = null;
      if (!dryRun && options.resume) {
        run = await this.repository.unfinishedRun(client, sourceHash);
        if (run) checkpoint = await this.repository.lastCheckpoint(client, run.runId);
      }
      // A dry run is one transaction, rolled back at the end: its run row and first occurrences go with it.
      if (dryRun) await client.query('BEGIN');
      const stamp = new Date(started).toISOString().replace(/[:.]/g, '');
      run ??= await this.repository.startRun(
        client,
        `${dryRun ? 'dry-run-' : ''}${sourceHash.slice(0, 16)}-${stamp}`,
        sourceHash,
      );
      const runId = dryRun ? null : run.runId;
      const correlationId = legacyId('run', runId ?? `dry-run:${sourceHash}:${started}`);
      const reportDir = resolve(options.reportDir ?? join('migration-report', runId ?? `dry-run-${stamp}`));
      report = await RejectReport.open(reportDir);
      const rejects = report;
      if (checkpoint) await this.reportCommittedRejects(client, run.runNo, rejects);

      const decoder = new RowDecoder(this.places);
      const totals: ImportTotals = { ...ZERO };
      const progress = options.progress === false ? null : new Progress(files.reduce((n, f) => n + f.size, 0));
      const runNo = run.runNo;
      let rows = 0;
      let bytes = 0;
      let batchNo = 0;
      let pending: Promise<void> = Promise.resolve();

      // The batch's second phase, one batch at a time in file order: its cross-row decisions against the run's first
      // occurrences (one look-up), then staging, apply, decisions and checkpoint in one transaction.
      const apply = async (no: number, file: string, lastLine: number, batch: PendingBatch) => {
        const keys = batchKeys(batch.records);
        const { known, organizations } = await this.repository.firstOccurrences(
          client,
          runNo,
          keys,
          keys.codiciFiscali,
        );
        const decided = decideBatch(batch.records, known);
        const batchRejects = mergeByLine(batch.rejects, decided.rejects);
        const staged = new BatchBuilder(organizations).build(decided.accepted);
        const stagedCounts = {
          organizationsStaged: staged.organizations.length,
          unitsStaged: staged.units.length,
          accountsStaged: staged.accounts.length,
          peopleStaged: staged.people.length,
          linksStaged: staged.links.length,
        };
        let counts: BatchCounts;
        if (dryRun) {
          counts = await this.repository.applyBatch(client, correlationId, staged);
          await this.repository.recordDecisions(client, runNo, no, file, decided.firsts, []);
        } else {
          await client.query('BEGIN');
          try {
            counts = await this.repository.applyBatch(client, correlationId, staged);
            await this.repository.recordDecisions(client, runNo, no, file, decided.firsts, batchRejects);
            await this.repository.recordBatch(
              client,
              runId!,
              correlationId,
              { batchNo: no, sourceFile: file, lastLine },
              batch.lines,
              { ...counts, ...stagedCounts },
            );
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
        }
        add(totals, { ...counts, ...stagedCounts });
        await rejects.add(file, batchRejects);
        options.onBatch?.(no);
      };

      // Whether the next batch was committed before the crash (a resumed run counts through it).
      const nextIsCommitted = () => checkpoint !== null && batchNo + 1 <= checkpoint.batchNo;
      for (const file of files) {
        const lines = createInterface({
          input: createReadStream(file.path, { encoding: 'utf8', highWaterMark: READ_CHUNK }),
          crlfDelay: Infinity,
        });
        let lineNo = 0;
        let batch: PendingBatch = { records: [], rejects: [], lines: 0 };
        // A batch committed before the crash is only counted through (its rows are not decoded again): its first
        // occurrences and rejects are in the database.
        let committed = nextIsCommitted();
        const flush = async () => {
          const no = ++batchNo;
          const full = batch;
          batch = { records: [], rejects: [], lines: 0 };
          if (committed) {
            if (
              no === checkpoint!.batchNo &&
              (checkpoint!.sourceFile !== file.name || checkpoint!.lastLine !== lineNo)
            ) {
              throw new Error(
                `Il punto di ripresa (lotto ${no}: ${checkpoint!.sourceFile} riga ${checkpoint!.lastLine}) non ` +
                  `corrisponde ai file: riprendere con la stessa dimensione dei lotti (MIGRATION_BATCH_SIZE).`,
              );
            }
          } else {
            await pending;
            pending = apply(no, file.name, lineNo, full);
            // A failure surfaces at the next await of `pending`; keep it from being an unhandled rejection meanwhile.
            pending.catch(() => undefined);
          }
          committed = nextIsCommitted();
        };
        for await (const text of lines) {
          lineNo++;
          bytes += text.length + 1;
          if (lineNo === 1 || text.trim() === '') continue;
          rows++;
          if (!committed) {
            const decoded = decoder.decode(file.kind, lineNo, text);
            if (decoded.ok) batch.records.push(decoded.record);
            else {
              batch.rejects.push({
                line: lineNo,
                username: RowDecoder.usernameOf(text),
                reason: decoded.reason,
                field: decoded.field,
              });
            }
          }
          if (++batch.lines >= batchSize) await flush();
          progress?.update(rows, bytes);
        }
        if (batch.lines > 0) await flush();
      }
      await pending;
      if (checkpoint && batchNo < checkpoint.batchNo) {
        throw new Error(
          `Il punto di ripresa (lotto ${checkpoint.batchNo}) è oltre la fine dei file (${batchNo} lotti): ` +
            `riprendere con la stessa dimensione dei lotti (MIGRATION_BATCH_SIZE).`,
        );
      }
      progress?.done(rows, bytes);

      let checksums: Record<string, TableChecksum> | null = null;
      let finalTotals = totals;
      if (dryRun) {
        await client.query('ROLLBACK');
      } else {
        await this.repository.finishRun(client, run);
        finalTotals = { ...ZERO, ...(await this.repository.committedCounts(client, run.runId)) };
        checksums = await this.repository.checksums(client);
      }
      await rejects.close();
      report = null;
      const result: ImportResult = {
        runId,
        dryRun,
        resumedAfterBatch: checkpoint?.batchNo ?? null,
        files,
        rows,
        accepted: rows - rejects.count,
        rejected: rejects.count,
        rejects: rejects.first,
        rejectsByReason: rejects.byReason,
        totals: finalTotals,
        checksums,
        reportDir,
        elapsedMs: Date.now() - started,
      };
      await writeSummary(result);
      return result;
    } catch (error) {
      if (dryRun) await client.query('ROLLBACK').catch(() => undefined);
      report?.destroy();
      throw error;
    } finally {
      client.release();
    }
  }

  /** The rejects of the batches a resumed run committed before the crash, from the database, page by page. */
  private async reportCommittedRejects(client: PoolClient, runNo: number, report: RejectReport): Promise<void> {
    let after = { batchNo: 0, line: 0 };
    for (;;) {
      const page = await this.repository.committedRejects(client, runNo, after, REJECT_PAGE);
      let start = 0;
      for (let i = 1; i <= page.length; i++) {
        if (i === page.length || page[i].sourceFile !== page[start].sourceFile) {
          await report.add(page[start].sourceFile, page.slice(start, i));
          start = i;
        }
      }
      if (page.length < REJECT_PAGE) return;
      after = page[page.length - 1];
    }
  }

  /** What the import wrote, as counts and digests (the tests compare two databases with it). */
  async checksums(): Promise<Record<string, TableChecksum>> {
    const client: PoolClient = await this.pool.connect();
    try {
      return await this.repository.checksums(client);
    } finally {
      client.release();
    }
  }
}

function add(totals: ImportTotals, counts: Partial<ImportTotals>): void {
  for (const [k, v] of Object.entries(counts)) totals[k as keyof ImportTotals] += v;
}

/** The CSV files of a source (a file or a folder), each recognised by its header, in import order. */
export async function listSources(source: string): Promise<SourceFile[]> {
  const info = await stat(source);
  const paths = info.isDirectory()
    ? (await readdir(source))
        .filter((n) => n.toLowerCase().endsWith('.csv'))
        .sort()
        .map((n) => join(source, n))
    : [source];
  const files: SourceFile[] = [];
  for (const path of paths) {
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
      const header = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
      const kind = fileKindOf(header);
      if (!kind) throw new Error(`${basename(path)}: intestazione non riconosciuta (vedi docs/migration-format.md)`);
      files.push({ path, name: basename(path), kind, size: (await handle.stat()).size });
    } finally {
      await handle.close();
    }
  }
  if (files.length === 0) throw new Error(`${source}: nessun file CSV`);
  return files.sort((a, b) => FILE_ORDER.indexOf(a.kind) - FILE_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
}

async function hashSources(files: SourceFile[]): Promise<string> {
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(`${f.name}\0`);
    for await (const chunk of createReadStream(f.path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** riepilogo.json: everything but the rejected rows (scarti.csv has them, written as the run goes). */
async function writeSummary(result: ImportResult): Promise<void> {
  const { rejects: _rejects, ...summary } = result;
  await writeFile(join(result.reportDir, 'riepilogo.json'), JSON.stringify(summary, null, 2) + '\n');
}

/** The plan / outcome as operators read it. */
export function formatResult(result: ImportResult): string {
  const t = result.totals;
  const row = (label: string, staged: number, created: number, updated: number) =>
    `  ${label.padEnd(16)} da creare ${created} · da aggiornare ${updated} · invariati ${staged - created - updated}`;
  const done = (label: string, staged: number, created: number, updated: number) =>
    `  ${label.padEnd(16)} creati ${created} · aggiornati ${updated} · invariati ${staged - created - updated}`;
  const line = result.dryRun ? row : done;
  const out = [
    result.dryRun ? 'Simulazione (--dry-run): nessuna modifica.' : `Migrazione ${result.runId} completata.`,
    ...(result.resumedAfterBatch !== null ? [`Ripresa dopo il lotto ${result.resumedAfterBatch}.`] : []),
    `File: ${result.files.map((f) => `${f.name} (${f.kind})`).join(', ')}`,
    `Righe lette ${result.rows} · accettate ${result.accepted} · scartate ${result.rejected}`,
    result.dryRun ? 'Piano:' : 'Esito:',
    line('organizzazioni', t.organizationsStaged, t.organizationsCreated, t.organizationsUpdated),
    line('unità operative', t.unitsStaged, t.unitsCreated, t.unitsUpdated),
    line('utenze legacy', t.accountsStaged, t.accountsCreated, t.accountsUpdated),
    line('persone', t.peopleStaged, t.peopleCreated, t.peopleUpdated),
    line('collegamenti', t.linksStaged, t.linksCreated, t.linksUpdated),
    `  eventi ${result.dryRun ? 'da pubblicare' : 'pubblicati nell’outbox'}: ${t.events}`,
    'Scarti per motivo:',
    ...Object.values(RejectReason).map((r) => `  ${r.padEnd(31)} ${result.rejectsByReason[r] ?? 0}`),
  ];
  out.push(`Rapporto: ${result.reportDir} (scarti.csv, riepilogo.json)`);
  return out.join('\n');
}

/**
 * The dry run's list of every rejected row, read back from scarti.csv line by line (the process does not hold the
 * list: at a million rows it has tens of thousands of entries).
 */
export async function writeRejectedRows(result: ImportResult, out: NodeJS.WritableStream): Promise<void> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('Righe scartate:\n');
  const lines = createInterface({
    input: createReadStream(join(result.reportDir, 'scarti.csv'), { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let first = true;
  for await (const line of lines) {
    if (first || line === '') {
      first = false;
      continue;
    }
    await write(`${rejectLine(splitLine(line))}\n`);
  }
}
