import type { EntityMetadata } from 'typeorm';

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

/**
 * Every column of an entity as its property (`"col" AS "prop"`), `date` columns as text as TypeORM gives them: the
 * select list of a hot read run as a named prepared statement (`poolQuery`) whose rows become the entity with
 * `Object.assign`, without TypeORM's query builder on each call.
 */
export function entitySelectList(metadata: EntityMetadata): string {
  return metadata.columns
    .map((c) => `"${c.databaseName}"${c.type === 'date' ? '::text' : ''} AS "${c.propertyName}"`)
    .join(', ');
}
