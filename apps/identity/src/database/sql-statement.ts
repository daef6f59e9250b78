import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource, EntityMetadata } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * One SQL statement assembled from parts that several repositories contribute (data-modifying WITH queries: one
 * statement, one round trip, one transaction). `param` registers a value and returns its placeholder.
 */
export class SqlStatement {
  readonly params: unknown[] = [];

  param = (value: unknown): string => `$${this.params.push(value)}`;
}

/** A column's type for a cast in `INSERT … SELECT $n::type` (there the target column does not type the parameter). */
function castOf(type: unknown): string {
  if (typeof type !== 'string') throw new Error(`column type ${String(type)}: give the SQL type name in the entity`);
  return type === 'varchar' ? 'text' : type;
}

/**
 * `INSERT INTO <table> (<columns>) SELECT $1::<type>, … [WHERE onlyIf]` for the properties of `values` that are
 * columns of the entity (generated columns and defaults are left to the database when absent).
 */
export function insertSelect(
  st: SqlStatement,
  metadata: EntityMetadata,
  values: Record<string, unknown>,
  onlyIf?: string,
): string {
  const columns: string[] = [];
  const selects: string[] = [];
  for (const column of metadata.columns) {
    if (!(column.propertyName in values)) continue;
    columns.push(`"${column.databaseName}"`);
    selects.push(`${st.param(values[column.propertyName])}::${castOf(column.type)}`);
  }
  return `INSERT INTO "${metadata.tableName}" (${columns.join(', ')}) SELECT ${selects.join(', ')}${
    onlyIf ? ` WHERE ${onlyIf}` : ''
  }`;
}

const statementNames = new Map<string, string>();

/**
 * Runs one statement of a hot path straight on the connection pool TypeORM opened (no query runner per call) as a
 * named prepared statement: each connection parses and plans the text once, later executions only bind the values.
 * The texts must be few and fixed (a name per distinct text); values always travel as parameters.
 */
export async function hotQuery<T = Record<string, unknown>>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  let name = statementNames.get(text);
  if (!name) {
    name = `identity_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query<T & QueryResultRow>({ name, text, values });
  return result.rows;
}
