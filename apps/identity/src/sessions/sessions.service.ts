import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IdentityEnv } from '../config/identity.env.js';
import type { SqlStatement } from '../database/sql-statement.js';
import { IDENTITY_ENV } from '../identity.tokens.js';
import { ActingAsCheck } from './acting-as.check.js';
import type { Session } from './session.entity.js';
import { type ActingForOrganization, SessionRepository } from './session.repository.js';
import { SessionTouches } from './session-touches.js';
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

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A new session and the CSRF token issued with it (only its SHA-256 is stored). */
export interface OpenedSession {
  session: Session;
  csrfToken: string;
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly actingAs: ActingAsCheck,
    private readonly touches: SessionTouches,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {}

  /** A new session, with a new CSRF token, at every login (never reuse an id: no fixation). */
  async create(data: NewSession, manager?: EntityManager, at = new Date()): Promise<OpenedSession> {
    const opened = this.prepare(data, at);
    await this.insertPrepared(opened, manager);
    return opened;
  }

  /** A new session (new id, new CSRF token), not yet stored: `insertPrepared` or `insertPart` writes it. */
  prepare(data: NewSession, at = new Date()): OpenedSession {
    const csrfToken = newOpaqueToken();
    const session = this.sessions.build({
      ...data,
      id: newOpaqueToken(),
      sessionIndex: data.sessionIndex ?? null,
      csrfTokenSha256: sha256Hex(csrfToken),
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
    return { session, csrfToken };
  }

  async insertPrepared(opened: OpenedSession, manager?: EntityManager): Promise<void> {
    await this.sessions.insert(opened.session, manager);
  }

  /** The INSERT of a prepared session as a part of one statement (see `SqlStatement`), only if `onlyIf` holds. */
  insertPart(st: SqlStatement, opened: OpenedSession, onlyIf?: string): string {
    return this.sessions.insertPart(st, opened.session, onlyIf);
  }

  /**
   * The live session with this id, touched (idle timeout restarts; the time is written in batches, so a resolve is
   * a read). Unknown → SESSION_NOT_FOUND; ended, idle for too long or too old → SESSION_ENDED (and it is ended for
   * good).
   */
  async resolve(id: string, now = new Date()): Promise<Session> {
    const session = await this.findWithPendingTouch(id);
    if (!session) throw new SessionsException(SessionsExceptionCode.SESSION_NOT_FOUND, 'Sessione inesistente');
    if (session.endedAt) throw ended();
    const expiry = this.expiryReason(session, now);
    if (expiry) {
      await this.end(id, expiry, now);
      throw ended();
    }
    this.touches.touch(id, now);
    session.lastSeenAt = now;
    if (session.actingFor) await this.recheckActingFor(session, now);
    return session;
  }

  /**
   * The acting-as choice is checked on every resolution, not only when it is made: a right that is gone (revoca,
   * expiry, membership removed) ends the acting-as; while delegation cannot answer, this request acts personally.
   */
  private async recheckActingFor(session: Session, now: Date): Promise<void> {
    const answer = await this.actingAs.check(session.codiceFiscale, session.actingFor!, now);
    if (answer === 'allowed') return;
    if (answer === 'refused') await this.sessions.setActingFor(session.id, null);
    session.actingFor = null;
    session.actingForRagioneSociale = null;
    session.actingForCodiceFiscale = null;
  }

  /** A grant of the citizen for the organisation changed (delegation.access.v1): drop the cached answer, ask again. */
  async recheckActingAs(manager: EntityManager, codiceFiscale: string, organizationId: string): Promise<void> {
    this.actingAs.evict(codiceFiscale, organizationId);
    if ((await this.actingAs.check(codiceFiscale, organizationId)) === 'refused') {
      await this.sessions.clearActingFor(manager, codiceFiscale, organizationId);
    }
  }

  /** The live session without touching it (undefined when it is not live). */
  async findLive(id: string | undefined, now = new Date()): Promise<Session | undefined> {
    if (!id) return undefined;
    const session = await this.findWithPendingTouch(id);
    if (!session || session.endedAt || this.expiryReason(session, now)) return undefined;
    return session;
  }

  end(id: string, reason: SessionEndReason, at = new Date()): Promise<boolean> {
    this.touches.forget(id);
    return this.sessions.end(id, reason, at);
  }

  /** The stored session with its last use not yet written, if this replica saw a later one. */
  private async findWithPendingTouch(id: string): Promise<Session | null> {
    const session = await this.sessions.findById(id);
    const pending = session ? this.touches.lastSeen(id) : undefined;
    if (session && pending && pending > session.lastSeenAt) session.lastSeenAt = pending;
    return session;
  }

  /** IdP-initiated single logout: every live session of that IdP login (NameID, and SessionIndex when given). */
  endByIdpLogin(
    idp: string,
    nameId: string,
    sessionIndexes: string[],
    manager?: EntityManager,
    at = new Date(),
  ): Promise<number> {
    return this.sessions.endByIdpLogin(idp, nameId, sessionIndexes, at, manager);
  }

  /** Remembers our LogoutRequest so that the IdP's LogoutResponse can be matched (by RelayState). */
  recordLogoutRequest(id: string, requestId: string, relayState: string): Promise<void> {
    return this.sessions.recordLogoutRequest(id, requestId, relayState);
  }

  findByLogoutRelayState(relayState: string): Promise<Session | null> {
    return this.sessions.findByLogoutRelayState(relayState);
  }

  setActingFor(id: string, org: ActingForOrganization | null): Promise<void> {
    return this.sessions.setActingFor(id, org);
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
