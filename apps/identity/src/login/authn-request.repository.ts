import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import type {
  AuthnRequestConsumeResult,
  AuthnRequestRecord,
  AuthnRequestStore,
  IdpKind,
  StoredAuthnRequest,
} from '../saml/index.js';
import { poolQuery } from '@profila/persistence';
import { entitySelectList, insertSelect, SqlStatement } from '../database/sql-statement.js';
import { AuthnRequestEntity } from './authn-request.entity.js';

/** What the login flow keeps beside the SAML facts of a request. */
export interface AuthnRequestExtra {
  idpKind: IdpKind;
  /** Where the citizen goes after the login (a same-origin path). */
  returnTo: string;
  /** The AuthnRequest as sent (unsigned XML): it goes to the SPID register with its Response. */
  requestXml: string;
  clientIp?: string | null;
  browserBindingSha256?: string | null;
}

export type PendingLogin = StoredAuthnRequest & AuthnRequestExtra;

function toPending(row: Omit<AuthnRequestEntity, 'consumedAt'>): PendingLogin {
  return {
    id: row.id,
    idp: row.idp,
    level: row.level,
    comparison: row.comparison,
    issuedAt: new Date(row.issuedAt),
    expiresAt: new Date(row.expiresAt),
    relayState: row.relayState ?? undefined,
    idpKind: row.idpKind,
    returnTo: row.returnTo,
    requestXml: row.requestXml,
    clientIp: row.clientIp,
    browserBindingSha256: row.browserBindingSha256,
  };
}

/** The row of a new request, by entity property (every column but `consumed_at`, which starts null). */
function newRow(id: string, record: AuthnRequestRecord, extra?: AuthnRequestExtra): Record<string, unknown> {
  return {
    id,
    idp: record.idp,
    idpKind: extra?.idpKind ?? 'spid',
    level: record.level,
    comparison: record.comparison ?? 'minimum',
    relayState: record.relayState ?? null,
    returnTo: extra?.returnTo ?? '/area-riservata',
    requestXml: extra?.requestXml ?? '',
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    clientIp: extra?.clientIp ?? null,
    browserBindingSha256: extra?.browserBindingSha256 ?? null,
  };
}

/** Requests expired this long ago cannot matter any more (a replay of their Response is refused as unknown). */
const KEEP_AFTER_EXPIRY_MS = 24 * 3600_000;

/**
 * Every query of `authn_request`. `consume` is one atomic UPDATE … WHERE consumed_at IS NULL RETURNING: two
 * concurrent posts of the same Response (on any number of identity replicas) cannot both win.
 */
@Injectable()
export class AuthnRequestRepository implements AuthnRequestStore<PendingLogin> {
  /**
   * The single-use consumption, returning the request's columns as properties (named: a prepared `RETURNING *` would
   * break once a migration adds a column).
   */
  private readonly consumeText: string;

  constructor(private readonly dataSource: DataSource) {
    this.consumeText = `UPDATE authn_request SET consumed_at = $1 WHERE id = $2 AND consumed_at IS NULL
      RETURNING ${entitySelectList(dataSource.getMetadata(AuthnRequestEntity))}`;
  }

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AuthnRequestEntity);
  }

  async save(id: string, record: AuthnRequestRecord, extra?: AuthnRequestExtra): Promise<void> {
    const st = new SqlStatement();
    const text = insertSelect(st, this.dataSource.getMetadata(AuthnRequestEntity), newRow(id, record, extra));
    await this.dataSource.query(text, st.params);
  }

  /**
   * Stores the request unless its client already has `maxPending` requests waiting for their Response (one
   * statement: the count and the insert). False: refused, nothing stored.
   */
  async saveIfFewerPending(
    id: string,
    record: AuthnRequestRecord,
    extra: AuthnRequestExtra & { clientIp: string },
    maxPending: number,
    now = new Date(),
  ): Promise<boolean> {
    const st = new SqlStatement();
    const insert = insertSelect(
      st,
      this.dataSource.getMetadata(AuthnRequestEntity),
      newRow(id, record, extra),
      `(SELECT count(*) FROM authn_request
         WHERE client_ip = ${st.param(extra.clientIp)} AND consumed_at IS NULL AND expires_at > ${st.param(now)})
       < ${st.param(maxPending)}`,
    );
    const rows = await poolQuery(this.dataSource, `${insert} RETURNING 1`, st.params, true);
    return rows.length === 1;
  }

  async consume(id: string, now: Date = new Date()): Promise<AuthnRequestConsumeResult<PendingLogin>> {
    const rows = await poolQuery<AuthnRequestEntity>(this.dataSource, this.consumeText, [now, id], true);
    const consumed = rows[0];
    if (consumed) {
      const request = toPending(consumed);
      if (request.expiresAt.getTime() <= now.getTime()) return { status: 'expired', request };
      return { status: 'consumed', request };
    }
    const existing = await this.find(id);
    return existing ? { status: 'already-consumed', request: existing } : { status: 'unknown' };
  }

  async find(id: string): Promise<PendingLogin | undefined> {
    const row = await this.repo().findOneBy({ id });
    return row ? toPending(row) : undefined;
  }

  /** Deletes requests expired more than a day ago; returns how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.repo().delete({ expiresAt: LessThan(new Date(now.getTime() - KEEP_AFTER_EXPIRY_MS)) });
    return result.affected ?? 0;
  }
}
