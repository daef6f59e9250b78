import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { poolQuery } from '@profila/persistence';
import { entitySelectList, insertSelect, type SqlStatement } from '../database/sql-statement.js';
import { Session } from './session.entity.js';

export interface ActingForOrganization {
  organizationId: string;
  ragioneSociale: string;
  codiceFiscale: string;
}

/** Every query of the `session` table. */
@Injectable()
export class SessionRepository {
  private readonly byId: string;

  constructor(private readonly dataSource: DataSource) {
    this.byId = `SELECT ${entitySelectList(dataSource.getMetadata(Session))} FROM session WHERE id = $1`;
  }

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Session);
  }

  /** A session entity from its values (not stored). */
  build(values: Session): Session {
    return Object.assign(new Session(), values);
  }

  async insert(session: Session, manager?: EntityManager): Promise<Session> {
    await this.repo(manager).insert(session);
    return session;
  }

  /** The INSERT of a session as a part of one statement, only if `onlyIf` holds. */
  insertPart(st: SqlStatement, session: Session, onlyIf?: string): string {
    return insertSelect(
      st,
      this.dataSource.getMetadata(Session),
      session as unknown as Record<string, unknown>,
      onlyIf,
    );
  }

  /** Read on every request that carries the session (its resolution, /me…): a named prepared statement. */
  async findById(id: string): Promise<Session | null> {
    const rows = await poolQuery(this.dataSource, this.byId, [id], true);
    return rows.length === 0 ? null : Object.assign(new Session(), rows[0]);
  }

  findByLogoutRelayState(relayState: string): Promise<Session | null> {
    return this.repo().findOneBy({ logoutRelayState: relayState });
  }

  /** Many sessions' last-seen times in one statement; an older time never overwrites a newer one. */
  async touchMany(touches: Array<{ id: string; at: Date }>): Promise<void> {
    if (touches.length === 0) return;
    await this.dataSource.query(
      `UPDATE session AS s SET last_seen_at = t.at
         FROM unnest($1::text[], $2::timestamptz[]) AS t(id, at)
        WHERE s.id = t.id AND s.ended_at IS NULL AND s.last_seen_at < t.at`,
      [touches.map((t) => t.id), touches.map((t) => t.at.toISOString())],
    );
  }

  /** Ends a live session; false when it had already ended. */
  async end(id: string, reason: string, at: Date, manager?: EntityManager): Promise<boolean> {
    const result = await this.repo(manager).update({ id, endedAt: IsNull() }, { endedAt: at, endReason: reason });
    return (result.affected ?? 0) > 0;
  }

  /** Ends every live session of an IdP login (NameID, and SessionIndex when given); returns how many. */
  async endByIdpLogin(
    idp: string,
    nameId: string,
    sessionIndexes: string[],
    at: Date,
    manager?: EntityManager,
  ): Promise<number> {
    const rows = await (manager ?? this.dataSource.manager).query<[unknown[], number] | unknown[]>(
      `UPDATE session SET ended_at = $4, end_reason = 'idp-logout'
        WHERE idp = $1 AND name_id = $2 AND ended_at IS NULL
          AND (cardinality($3::text[]) = 0 OR session_index = ANY($3::text[]))
        RETURNING id`,
      [idp, nameId, sessionIndexes, at],
    );
    return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
  }

  async recordLogoutRequest(id: string, requestId: string, relayState: string): Promise<void> {
    await this.repo().update({ id }, { logoutRequestId: requestId, logoutRelayState: relayState });
  }

  /** Live sessions of a citizen acting for an organisation stop acting for it; returns how many. */
  async clearActingFor(manager: EntityManager, codiceFiscale: string, organizationId: string): Promise<number> {
    const result = await manager
      .getRepository(Session)
      .update(
        { codiceFiscale, actingFor: organizationId, endedAt: IsNull() },
        { actingFor: null, actingForRagioneSociale: null, actingForCodiceFiscale: null },
      );
    return result.affected ?? 0;
  }

  async setActingFor(id: string, org: ActingForOrganization | null): Promise<void> {
    await this.repo().update(
      { id, endedAt: IsNull() },
      {
        actingFor: org?.organizationId ?? null,
        actingForRagioneSociale: org?.ragioneSociale ?? null,
        actingForCodiceFiscale: org?.codiceFiscale ?? null,
      },
    );
  }
}
