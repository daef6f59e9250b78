import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV } from '../identity.tokens.js';
import { Session } from './session.entity.js';
import { SessionsException, SessionsExceptionCode } from './sessions.exception.js';

export interface NewSession {
  codiceFiscale: string;
  idp: string;
  idpKind: string;
  spidLevel: string;
  nameId: string;
  nameQualifier: string;
  sessionIndex?: string | null;
}

export type SessionEndReason = 'logout' | 'idp-logout' | 'idle' | 'absolute';

/** An opaque, unguessable identifier (256 bits), safe in a cookie. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {}

  /** A new session at every login (never reuse an id: no fixation). */
  async create(data: NewSession, manager: EntityManager = this.dataSource.manager, at = new Date()): Promise<Session> {
    const session = manager.getRepository(Session).create({
      ...data,
      id: newOpaqueToken(),
      sessionIndex: data.sessionIndex ?? null,
      actingFor: null,
      actingForRagioneSociale: null,
      actingForCodiceFiscale: null,
      logoutRequestId: null,
      logoutRelayState: null,
      createdAt: at,
      lastSeenAt: at,
      endedAt: null,
      endReason: null,
    });
    await manager.getRepository(Session).insert(session);
    return session;
  }

  /**
   * The live session with this id, touched (idle timeout restarts). Unknown → SESSION_NOT_FOUND; ended, idle for
   * too long or too old → SESSION_ENDED (and it is ended for good).
   */
  async resolve(id: string, now = new Date()): Promise<Session> {
    const repo = this.dataSource.getRepository(Session);
    const session = await repo.findOneBy({ id });
    if (!session) throw new SessionsException(SessionsExceptionCode.SESSION_NOT_FOUND, 'Sessione inesistente');
    if (session.endedAt) throw ended();
    const expiry = this.expiryReason(session, now);
    if (expiry) {
      await this.end(id, expiry, now);
      throw ended();
    }
    await repo.update({ id, endedAt: IsNull() }, { lastSeenAt: now });
    session.lastSeenAt = now;
    return session;
  }

  /** The live session without touching it (undefined when it is not live). */
  async findLive(id: string | undefined, now = new Date()): Promise<Session | undefined> {
    if (!id) return undefined;
    const session = await this.dataSource.getRepository(Session).findOneBy({ id });
    if (!session || session.endedAt || this.expiryReason(session, now)) return undefined;
    return session;
  }

  async end(id: string, reason: SessionEndReason, at = new Date()): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(Session)
      .update({ id, endedAt: IsNull() }, { endedAt: at, endReason: reason });
    return (result.affected ?? 0) > 0;
  }

  /** IdP-initiated single logout: every live session of that IdP login (NameID, and SessionIndex when given). */
  async endByIdpLogin(idp: string, nameId: string, sessionIndexes: string[], at = new Date()): Promise<number> {
    const rows = await this.dataSource.query<[unknown[], number] | unknown[]>(
      `UPDATE session SET ended_at = $4, end_reason = 'idp-logout'
        WHERE idp = $1 AND name_id = $2 AND ended_at IS NULL
          AND (cardinality($3::text[]) = 0 OR session_index = ANY($3::text[]))
        RETURNING id`,
      [idp, nameId, sessionIndexes, at],
    );
    return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
  }

  /** Remembers our LogoutRequest so that the IdP's LogoutResponse can be matched (by RelayState). */
  async recordLogoutRequest(id: string, requestId: string, relayState: string): Promise<void> {
    await this.dataSource
      .getRepository(Session)
      .update({ id }, { logoutRequestId: requestId, logoutRelayState: relayState });
  }

  async findByLogoutRelayState(relayState: string): Promise<Session | null> {
    return this.dataSource.getRepository(Session).findOneBy({ logoutRelayState: relayState });
  }

  async setActingFor(
    id: string,
    org: { organizationId: string; ragioneSociale: string; codiceFiscale: string } | null,
  ): Promise<void> {
    await this.dataSource.getRepository(Session).update(
      { id, endedAt: IsNull() },
      {
        actingFor: org?.organizationId ?? null,
        actingForRagioneSociale: org?.ragioneSociale ?? null,
        actingForCodiceFiscale: org?.codiceFiscale ?? null,
      },
    );
  }

  private expiryReason(session: Session, now: Date): SessionEndReason | undefined {
    if (now.getTime() - session.createdAt.getTime() >= this.env.SESSION_ABSOLUTE_SECONDS * 1000) return 'absolute';
    if (now.getTime() - session.lastSeenAt.getTime() >= this.env.SESSION_IDLE_SECONDS * 1000) return 'idle';
    return undefined;
  }
}

function ended(): SessionsException {
  return new SessionsException(SessionsExceptionCode.SESSION_ENDED, 'Sessione scaduta o terminata');
}
