import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolQuery } from '@profila/persistence';
import type { SqlStatement } from '../database/sql-statement.js';

/** The guard of a login's one statement: the citizen write's CTE, one row when it happened. */
export const CITIZEN_WRITTEN = 'citizen_written';
export const IF_CITIZEN_WRITTEN = `EXISTS (SELECT 1 FROM ${CITIZEN_WRITTEN})`;

/**
 * Runs a login's write as ONE statement of data-modifying WITH queries (one round trip; one statement is one
 * transaction, so the citizen, its outbox event, the session and the SPID register row commit together or not at
 * all). The parts come from the repositories of their tables; every part but the citizen write is conditional on it
 * (`IF_CITIZEN_WRITTEN`), so when the citizen write did not happen nothing is written and the caller falls back.
 */
@Injectable()
export class LoginWriteRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** True when the citizen write happened (and with it every other part). */
  async commit(st: SqlStatement, citizenWrite: string, parts: Record<string, string | undefined>): Promise<boolean> {
    const ctes = [`${CITIZEN_WRITTEN} AS (${citizenWrite})`];
    for (const [name, sql] of Object.entries(parts)) if (sql) ctes.push(`${name} AS (${sql})`);
    const rows = await poolQuery<{ written: number }>(
      this.dataSource,
      `WITH ${ctes.join(',\n')}\nSELECT (SELECT count(*) FROM ${CITIZEN_WRITTEN})::int AS written`,
      st.params,
      true,
    );
    return rows[0]?.written === 1;
  }
}
