import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { insertSelect, type SqlStatement } from '../database/sql-statement.js';
import { SpidLogEntry } from './spid-log-entry.entity.js';

export interface ClientUsage {
  rows: number;
  bytes: number;
}

/** Every query of the SPID register (`spid_log`). */
@Injectable()
export class SpidLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(entry: Omit<SpidLogEntry, 'id' | 'createdAt'>, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).getRepository(SpidLogEntry).insert(entry);
  }

  /** The INSERT of a row as a part of one statement, only if `onlyIf` holds. */
  insertPart(st: SqlStatement, entry: Omit<SpidLogEntry, 'id' | 'createdAt'>, onlyIf?: string): string {
    return insertSelect(st, this.dataSource.getMetadata(SpidLogEntry), entry, onlyIf);
  }

  /** Rows and stored bytes of refusals from one client address since `since`. */
  async refusalsOf(clientIp: string, since: Date): Promise<ClientUsage> {
    const [row] = await this.dataSource.query<Array<{ rows: number; bytes: number }>>(
      `SELECT count(*)::int AS rows, coalesce(sum(stored_bytes), 0)::int AS bytes
         FROM spid_log WHERE client_ip = $1 AND created_at >= $2 AND outcome <> 'success'`,
      [clientIp, since],
    );
    return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 };
  }

  /** Deletes rows older than the retention period; returns how many. */
  async purgeOlderThan(months: number, now = new Date()): Promise<number> {
    const result = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM spid_log WHERE created_at < $1::timestamptz - make_interval(months => $2::int)`,
      [now, months],
    );
    return result[1];
  }
}
