import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  AuthnComparison,
  AuthnRequestConsumeResult,
  AuthnRequestRecord,
  AuthnRequestStore,
  IdpKind,
  SpidLevel,
  StoredAuthnRequest,
} from '../saml/index.js';

/** What the login flow keeps beside the SAML facts of a request. */
export interface AuthnRequestExtra {
  idpKind: IdpKind;
  /** Where the citizen goes after the login (a same-origin path). */
  returnTo: string;
  /** The AuthnRequest as sent (unsigned XML): it goes to the SPID register with its Response. */
  requestXml: string;
}

interface Row {
  id: string;
  idp: string;
  idp_kind: IdpKind;
  level: SpidLevel;
  comparison: AuthnComparison;
  relay_state: string | null;
  return_to: string;
  request_xml: string;
  issued_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
}

export type PendingLogin = StoredAuthnRequest & AuthnRequestExtra;

function toStored(row: Row): PendingLogin {
  return {
    id: row.id,
    idp: row.idp,
    level: row.level,
    comparison: row.comparison,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    relayState: row.relay_state ?? undefined,
    idpKind: row.idp_kind,
    returnTo: row.return_to,
    requestXml: row.request_xml,
  };
}

/**
 * Pending AuthnRequests in PostgreSQL. `consume` is one atomic UPDATE … WHERE consumed_at IS NULL RETURNING: two
 * concurrent posts of the same Response (on any number of identity replicas) cannot both win.
 */
@Injectable()
export class PgAuthnRequestStore implements AuthnRequestStore {
  constructor(private readonly dataSource: DataSource) {}

  async save(id: string, record: AuthnRequestRecord, extra?: AuthnRequestExtra): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO authn_request (id, idp, idp_kind, level, comparison, relay_state, return_to, request_xml, issued_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        record.idp,
        extra?.idpKind ?? 'spid',
        record.level,
        record.comparison ?? 'minimum',
        record.relayState ?? null,
        extra?.returnTo ?? '/area-riservata',
        extra?.requestXml ?? '',
        record.issuedAt,
        record.expiresAt,
      ],
    );
  }

  async consume(id: string, now: Date = new Date()): Promise<AuthnRequestConsumeResult> {
    const rows = await this.dataSource.query<[Row[], number]>(
      `UPDATE authn_request SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL RETURNING *`,
      [id, now],
    );
    const updated = rows[0];
    if (updated.length === 1) {
      const request = toStored(updated[0]);
      if (request.expiresAt.getTime() <= now.getTime()) return { status: 'expired', request };
      return { status: 'consumed', request };
    }
    const existing = await this.find(id);
    return existing ? { status: 'already-consumed', request: existing } : { status: 'unknown' };
  }

  async find(id: string): Promise<PendingLogin | undefined> {
    const rows = await this.dataSource.query<Row[]>('SELECT * FROM authn_request WHERE id = $1', [id]);
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** Requests expired a day ago cannot matter any more (replays are refused as unknown ids). */
  async purgeExpired(now = new Date()): Promise<void> {
    await this.dataSource.query(`DELETE FROM authn_request WHERE expires_at < $1::timestamptz - interval '1 day'`, [
      now,
    ]);
  }
}
