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

/** The columns an INSERT gives, in `row`'s order. */
const INSERT_COLUMNS = [
  ['id', 'text'],
  ['idp', 'text'],
  ['idp_kind', 'text'],
  ['level', 'text'],
  ['comparison', 'text'],
  ['relay_state', 'text'],
  ['return_to', 'text'],
  ['request_xml', 'text'],
  ['issued_at', 'timestamptz'],
  ['expires_at', 'timestamptz'],
  ['client_ip', 'text'],
  ['browser_binding_sha256', 'text'],
] as const;
const COLUMNS = INSERT_COLUMNS.map(([c]) => c).join(', ');
const PLACEHOLDERS = INSERT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const CASTS = INSERT_COLUMNS.map(([, type], i) => `$${i + 1}::${type}`).join(', ');

function row(id: string, record: AuthnRequestRecord, extra?: AuthnRequestExtra): unknown[] {
  return [
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
    extra?.clientIp ?? null,
    extra?.browserBindingSha256 ?? null,
  ];
}

/** Requests expired this long ago cannot matter any more (a replay of their Response is refused as unknown). */
const KEEP_AFTER_EXPIRY_MS = 24 * 3600_000;

/**
 * Every query of `authn_request`. `consume` is one atomic UPDATE … WHERE consumed_at IS NULL RETURNING: two
 * concurrent posts of the same Response (on any number of identity replicas) cannot both win.
 */
@Injectable()
export class AuthnRequestRepository implements AuthnRequestStore<PendingLogin> {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AuthnRequestEntity);
  }

  async save(id: string, record: AuthnRequestRecord, extra?: AuthnRequestExtra): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO authn_request (${COLUMNS}) VALUES (${PLACEHOLDERS})`,
      row(id, record, extra),
    );
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
    const values = row(id, record, extra);
    const rows = await poolQuery(
      this.dataSource,
      `INSERT INTO authn_request (${COLUMNS}) SELECT ${CASTS}
        WHERE (SELECT count(*) FROM authn_request
                WHERE client_ip = $${values.length + 1} AND consumed_at IS NULL AND expires_at > $${values.length + 2})
              < $${values.length + 3}
       RETURNING 1`,
      [...values, extra.clientIp, now, maxPending],
      true,
    );
    return rows.length === 1;
  }

  async consume(id: string, now: Date = new Date()): Promise<AuthnRequestConsumeResult<PendingLogin>> {
    const rows = await poolQuery(
      this.dataSource,
      // The columns named (a prepared `RETURNING *` would fail once a migration adds one).
      `UPDATE authn_request SET consumed_at = $1 WHERE id = $2 AND consumed_at IS NULL RETURNING ${COLUMNS}, consumed_at`,
      [now, id],
      true,
    );
    const raw = rows[0];
    if (raw) {
      const request = toPending(fromRaw(raw));
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

/** RETURNING * gives column names; map them to the entity's properties. */
function fromRaw(raw: Record<string, unknown>): AuthnRequestEntity {
  return {
    id: raw.id as string,
    idp: raw.idp as string,
    idpKind: raw.idp_kind as IdpKind,
    level: raw.level as AuthnRequestEntity['level'],
    comparison: raw.comparison as AuthnRequestEntity['comparison'],
    relayState: raw.relay_state as string | null,
    returnTo: raw.return_to as string,
    requestXml: raw.request_xml as string,
    issuedAt: raw.issued_at as Date,
    expiresAt: raw.expires_at as Date,
    consumedAt: raw.consumed_at as Date | null,
    clientIp: raw.client_ip as string | null,
    browserBindingSha256: raw.browser_binding_sha256 as string | null,
  };
}
