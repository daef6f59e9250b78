import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

const derivedNames = new Map<string, string>();

function nameOf(text: string): string {
  let name = derivedNames.get(text);
  if (!name) {
    name = `q_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    derivedNames.set(text, name);
  }
  return name;
}

/**
 * Runs one statement of a hot path straight on the connection pool TypeORM opened for a PostgreSQL data source (no
 * query runner per call; never inside the caller's transaction). With a `name` — given, or `true` for one derived
 * from the text — it is a named prepared statement: each pooled connection parses it once and later executions only
 * bind the values (TypeORM's `query` cannot name a statement). Named texts must be few and fixed; values always
 * travel as parameters.
 */
export async function poolQuery<T = Record<string, unknown>>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
  name?: string | true,
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const statement = name === undefined ? { text, values } : { name: name === true ? nameOf(text) : name, text, values };
  const result = await pool.query<T & QueryResultRow>(statement);
  return result.rows;
}
