import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { poolQuery } from '@profila/persistence';
import { entitySelectList, type SqlStatement } from '../database/sql-statement.js';
import { Citizen } from './citizen.entity.js';

/** A citizen as read for a login, with its row version (`xmin`) for the write that follows. */
export interface VersionedCitizen {
  citizen: Citizen;
  version: string;
}

/** Every query of the `citizen` table. */
@Injectable()
export class CitizenRepository {
  /** The columns as properties, dates as text (as TypeORM gives them). */
  private readonly select: string;
  private readonly writableColumns: Array<{ column: string; property: string }>;

  constructor(private readonly dataSource: DataSource) {
    const metadata = dataSource.getMetadata(Citizen);
    const columns = metadata.columns;
    this.select = entitySelectList(metadata);
    this.writableColumns = columns
      .filter((c) => !c.isPrimary && !c.isCreateDate && !c.isUpdateDate)
      .map((c) => ({ column: c.databaseName, property: c.propertyName }));
  }

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Citizen);
  }

  create(data: Partial<Citizen>): Citizen {
    return this.repo().create(data);
  }

  /** Read on every "Chi sono" of the portal: a named prepared statement. */
  async findByCodiceFiscale(codiceFiscale: string): Promise<Citizen | null> {
    const rows = await poolQuery(
      this.dataSource,
      `SELECT ${this.select} FROM citizen WHERE codice_fiscale = $1`,
      [codiceFiscale],
      true,
    );
    return rows.length === 0 ? null : Object.assign(new Citizen(), rows[0]);
  }

  /** The citizen row locked until the transaction ends (concurrent logins of one citizen serialise here). */
  findForUpdate(manager: EntityManager, codiceFiscale: string): Promise<Citizen | null> {
    return this.repo(manager).findOne({ where: { codiceFiscale }, lock: { mode: 'pessimistic_write' } });
  }

  /** The citizen and its row version, without a lock (the write is guarded by the version instead). */
  async findForLogin(codiceFiscale: string): Promise<VersionedCitizen | null> {
    const rows = await poolQuery(
      this.dataSource,
      `SELECT ${this.select}, xmin::text AS "__version" FROM citizen WHERE codice_fiscale = $1`,
      [codiceFiscale],
      true,
    );
    if (rows.length === 0) return null;
    const { __version: version, ...columns } = rows[0];
    return { citizen: Object.assign(new Citizen(), columns), version: version as string };
  }

  /**
   * The login's write of the citizen as a part of one statement, returning one row when it happened: the INSERT of a
   * new citizen (nothing if one was registered meanwhile), or the UPDATE of the row read at `version` (nothing if it
   * changed since). The caller makes the rest of the statement depend on it and falls back to the locking path.
   */
  loginWritePart(st: SqlStatement, citizen: Citizen, version: string | null): string {
    const values = citizen as unknown as Record<string, unknown>;
    if (version === null) {
      const columns = ['codice_fiscale', ...this.writableColumns.map((c) => c.column)];
      const placeholders = [citizen.codiceFiscale, ...this.writableColumns.map((c) => values[c.property])].map(
        st.param,
      );
      return `INSERT INTO citizen (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${placeholders.join(', ')})
        ON CONFLICT (codice_fiscale) DO NOTHING RETURNING 1`;
    }
    const sets = this.writableColumns.map((c) => `"${c.column}" = ${st.param(values[c.property])}`);
    return `UPDATE citizen SET ${sets.join(', ')}, updated_at = now()
      WHERE codice_fiscale = ${st.param(citizen.codiceFiscale)} AND xmin = ${st.param(version)}::xid RETURNING 1`;
  }

  async insert(manager: EntityManager, citizen: Citizen): Promise<void> {
    await this.repo(manager).insert(citizen);
  }

  /**
   * Writes back a citizen read with `findForUpdate` in this transaction: one UPDATE of its columns (`save` would read
   * the row again first to diff it). `updatedAt` comes back from the UPDATE.
   */
  async updateLocked(manager: EntityManager, citizen: Citizen): Promise<void> {
    const { codiceFiscale, createdAt: _createdAt, updatedAt: _updatedAt, ...columns } = citizen;
    const result = await this.repo(manager)
      .createQueryBuilder()
      .update()
      .set(columns)
      .where('codice_fiscale = :codiceFiscale', { codiceFiscale })
      .returning('updated_at')
      .execute();
    const row = (result.raw as Array<{ updated_at: Date }>)[0];
    if (row) citizen.updatedAt = row.updated_at;
  }

  async save(manager: EntityManager, citizen: Citizen): Promise<void> {
    await this.repo(manager).save(citizen);
  }
}
