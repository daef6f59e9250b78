import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RejectedRow } from '#registry/legacy-import';
import { joinLine } from '../format/legacy-format.js';
import { type Reject, REJECT_MESSAGES, type RejectReason } from './reject-reason.js';
import { own } from './row-decoder.js';

/** How many rejected rows the result object carries (the report file has all of them). */
export const REJECTS_IN_RESULT = 1000;

/**
 * The rejects CSV (scarti.csv), written batch by batch as the run decides them: the process keeps the counts per
 * reason and the first REJECTS_IN_RESULT rows, never the whole list, so its memory does not grow with the file.
 */
export class RejectReport {
  readonly byReason: Record<string, number> = {};
  readonly first: Reject[] = [];
  count = 0;
  private readonly out: WriteStream;

  private constructor(readonly path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  }

  static async open(dir: string): Promise<RejectReport> {
    await mkdir(dir, { recursive: true });
    const report = new RejectReport(join(dir, 'scarti.csv'));
    await report.write(joinLine(['file', 'riga', 'username', 'codice', 'motivo', 'campo']) + '\n');
    return report;
  }

  /** The rejects of one batch, in line order. */
  async add(file: string, rows: RejectedRow[]): Promise<void> {
    if (rows.length === 0) return;
    let text = '';
    for (const r of rows) {
      const reason = r.reason as RejectReason;
      text += joinLine([file, r.line, r.username, reason, REJECT_MESSAGES[reason], r.field]) + '\n';
      this.count++;
      this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
      // A copy: the username is a slice of its line (and of the read buffer), which must not stay alive.
      if (this.first.length < REJECTS_IN_RESULT) {
        this.first.push({ file, line: r.line, username: own(r.username), reason, field: r.field });
      }
    }
    await this.write(text);
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }

  destroy(): void {
    this.out.destroy();
  }

  private async write(text: string): Promise<void> {
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}

/** Every rejected row of a report, as the dry run prints them (read back from the file, line by line). */
export function rejectLine(fields: string[]): string {
  const [file, line, username, reason, message, field] = fields;
  return `  ${file}:${line} ${username} ${reason} ${message}${field ? ` (${field})` : ''}`;
}
