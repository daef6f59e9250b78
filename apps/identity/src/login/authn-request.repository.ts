import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull, LessThan, MoreThan } from 'typeorm';
import type {
  AuthnRequestConsumeResult,
  AuthnRequestRecord,
  AuthnRequestStore,
  IdpKind,
  StoredAuthnRequest,
} from '../saml/index.js';
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

function toPending(row: AuthnRequestEntity): PendingLogin {
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
    await this.repo().insert({
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
      consumedAt: null,
      clientIp: extra?.clientIp ?? null,
      browserBindingSha256: extra?.browserBindingSha256 ?? null,
    });
  }

  async consume(id: string, now: Date = new Date()): Promise<AuthnRequestConsumeResult<PendingLogin>> {
    const result = await this.repo()
      .createQueryBuilder()
      .update(AuthnRequestEntity)
      .set({ consumedAt: now })
      .where('id = :id AND consumed_at IS NULL', { id })
      .returning('*')
      .execute();
    const raw = (result.raw as Array<Record<string, unknown>>)[0];
    if (raw) {
      const request = toPending(this.repo().create(fromRaw(raw)));
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

  /** Requests a client started that are still waiting for their Response. */
  async countPendingOf(clientIp: string, now = new Date()): Promise<number> {
    return this.repo().countBy({ clientIp, consumedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /** Deletes requests expired more than a day ago; returns how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.repo().delete({ expiresAt: LessThan(new Date(now.getTime() - KEEP_AFTER_EXPIRY_MS)) });
    return result.affected ?? 0;
  }
}

/** RETURNING * gives column names; map them to the entity's properties. */
function fromRaw(raw: Record<string, unknown>): Partial<AuthnRequestEntity> {
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
