import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DeadLetterRow {
  id: string;
  consumer_group: string;
  topic: string;
  event_id: string | null;
  event_type: string | null;
  error: string;
  attempts: number;
  failed_at: Date;
  replayed_at: Date | null;
}

/** Reads of the `dead_letter` table (the consumer runner writes it, in the failing delivery's aftermath). */
@Injectable()
export class DeadLetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first; only the pending ones unless `all`. */
  list(all: boolean, limit = 500): Promise<DeadLetterRow[]> {
    return this.dataSource.query<DeadLetterRow[]>(
      `SELECT id, consumer_group, topic, event_id, event_type, error, attempts, failed_at, replayed_at
       FROM dead_letter ${all ? '' : 'WHERE replayed_at IS NULL'} ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }

  async pendingGroupOf(id: string): Promise<string | undefined> {
    const rows = await this.dataSource.query<Array<{ consumer_group: string }>>(
      `SELECT consumer_group FROM dead_letter WHERE id = $1 AND replayed_at IS NULL`,
      [id],
    );
    return rows[0]?.consumer_group;
  }
}
