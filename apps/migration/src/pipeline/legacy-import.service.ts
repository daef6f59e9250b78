import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import {
  type BatchCounts,
  type Checkpoint,
  type ItalianPlaces,
  legacyId,
  LegacyImportRepository,
  type TableChecksum,
} from '#registry/legacy-import';
import { FILE_ORDER, fileKindOf, joinLine, type LegacyFileKind } from '../format/legacy-format.js';
import { ITALIAN_PLACES, MIGRATION_ENV, REGISTRY_POOL } from '../migration.tokens.js';
import type { MigrationEnv } from '../config/migration.env.js';
import { BatchBuilder } from './batch-builder.js';
import { Progress } from './progress.js';
import { type Reject, REJECT_MESSAGES, RejectReason } from './reject-reason.js';
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
  rejects: Reject[];
  rejectsByReason: Record<string, number>;
  totals: ImportTotals;
  checksums: Record<string, TableChecksum> | null;
  reportDir: string;
  elapsedMs: number;
}

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
    try {
      if (!(await this.repository.schemaReady(client))) {
        throw new Error('Il database del registry non ha le tabelle della migrazione: avviare prima il registry.');
      }
      await this.repository.prepareSession(client, this.places);

      let runId: string | null = null;
      let checkpoint: Checkpoint | null = null;
      if (!dryRun && options.resume) {
        runId = await this.repository.unfinishedRun(client, sourceHash);
        if (runId) checkpoint = await this.repository.lastCheckpoint(client, runId);
      }
      if (!dryRun && !runId) {
        runId = `${sourceHash.slice(0, 16)}-${new Date().toISOString().replace(/[:.]/g, '')}`;
        await this.repository.startRun(client, runId, sourceHash);
      }
      const correlationId = legacyId('run', runId ?? `dry-run:${sourceHash}:${started}`);
      if (dryRun) await client.query('BEGIN');

      const decoder = new RowDecoder(this.places);
      const builder = new BatchBuilder();
      const rejects: Reject[] = [];
      const totals: ImportTotals = { ...ZERO };
      const progress = options.progress === false ? null : new Progress(files.reduce((n, f) => n + f.size, 0));
      let rows = 0;
      let accepted = 0;
      let bytes = 0;
      let batchNo = 0;
      let pending: Promise<void> = Promise.resolve();

      const apply = async (no: number, file: string, lastLine: number, records: LegacyRecord[], lines: number) => {
        builder.resolve(await this.repository.existingOrganizations(client, BatchBuilder.newCodiciFiscali(records)));
        if (checkpoint && no <= checkpoint.batchNo) {
          if (no === checkpoint.batchNo && (checkpoint.sourceFile !== file || checkpoint.lastLine !== lastLine)) {
            throw new Error(
              `Il punto di ripresa (lotto ${no}: ${checkpoint.sourceFile} riga ${checkpoint.lastLine}) non corrisponde ` +
                `ai file: riprendere con la stessa dimensione dei lotti (MIGRATION_BATCH_SIZE).`,
            );
          }
          return; // committed before the crash: only the decisions and the id look-ups are rebuilt
        }
        const staged = builder.build(records);
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
        } else {
          await client.query('BEGIN');
          try {
            counts = await this.repository.applyBatch(client, correlationId, staged);
            await this.repository.recordBatch(
              client,
              runId!,
              correlationId,
              { batchNo: no, sourceFile: file, lastLine },
              lines,
              { ...counts, ...stagedCounts },
            );
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
        }
        add(totals, { ...counts, ...stagedCounts });
      };

      for (const file of files) {
        const lines = createInterface({
          input: createReadStream(file.path, { encoding: 'utf8', highWaterMark: 1 << 20 }),
          crlfDelay: Infinity,
        });
        let lineNo = 0;
        let records: LegacyRecord[] = [];
        let inBatch = 0;
        const flush = async () => {
          const no = ++batchNo;
          const batch = records;
          const count = inBatch;
          const last = lineNo;
          records = [];
          inBatch = 0;
          await pending;
          pending = apply(no, file.name, last, batch, count);
          // A failure surfaces at the next await of `pending`; keep it from being an unhandled rejection meanwhile.
          pending.catch(() => undefined);
        };
        for await (const text of lines) {
          lineNo++;
          bytes += text.length + 1;
          if (lineNo === 1 || text.trim() === '') continue;
          rows++;
          const decoded = decoder.decode(file.kind, lineNo, text);
          if (decoded.ok) {
            accepted++;
            records.push(decoded.record);
          } else {
            rejects.push({
              file: file.name,
              line: lineNo,
              username: RowDecoder.usernameOf(text),
              reason: decoded.reason,
              field: decoded.field,
            });
          }
          if (++inBatch >= batchSize) await flush();
          progress?.update(rows, bytes);
        }
        if (inBatch > 0) await flush();
      }
      await pending;
      progress?.done(rows, bytes);

      let checksums: Record<string, TableChecksum> | null = null;
      let finalTotals = totals;
      if (dryRun) {
        await client.query('ROLLBACK');
      } else {
        await this.repository.finishRun(client, runId!);
        finalTotals = { ...ZERO, ...(await this.repository.committedCounts(client, runId!)) };
        checksums = await this.repository.checksums(client);
      }
      const rejectsByReason: Record<string, number> = {};
      for (const r of rejects) rejectsByReason[r.reason] = (rejectsByReason[r.reason] ?? 0) + 1;
      const reportDir = resolve(
        options.reportDir ??
          join('migration-report', runId ?? `dry-run-${new Date().toISOString().replace(/[:.]/g, '')}`),
      );
      const result: ImportResult = {
        runId,
        dryRun,
        resumedAfterBatch: checkpoint?.batchNo ?? null,
        files,
        rows,
        accepted,
        rejects,
        rejectsByReason,
        totals: finalTotals,
        checksums,
        reportDir,
        elapsedMs: Date.now() - started,
      };
      await writeReport(result);
      return result;
    } catch (error) {
      if (dryRun) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
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

async function writeReport(result: ImportResult): Promise<void> {
  await mkdir(result.reportDir, { recursive: true });
  const lines = [joinLine(['file', 'riga', 'username', 'codice', 'motivo', 'campo'])];
  for (const r of result.rejects) {
    lines.push(joinLine([r.file, r.line, r.username, r.reason, REJECT_MESSAGES[r.reason], r.field]));
  }
  await writeFile(join(result.reportDir, 'scarti.csv'), lines.join('\n') + '\n');
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
    `Righe lette ${result.rows} · accettate ${result.accepted} · scartate ${result.rejects.length}`,
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
  if (result.dryRun) {
    out.push('Righe scartate:');
    for (const r of result.rejects) {
      out.push(
        `  ${r.file}:${r.line} ${r.username} ${r.reason} ${REJECT_MESSAGES[r.reason]}${r.field ? ` (${r.field})` : ''}`,
      );
    }
  }
  out.push(`Rapporto: ${result.reportDir} (scarti.csv, riepilogo.json)`);
  return out.join('\n');
}
