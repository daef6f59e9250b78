import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createLogger } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import type { SqlStatement } from '../database/sql-statement.js';
import { IDENTITY_ENV } from '../identity.tokens.js';
import type { SpidLogOutcome } from './spid-log-entry.entity.js';
import { SpidLogRepository } from './spid-log.repository.js';

/** One exchange for the register. `responseXml` is the decoded message; `posted` the raw SAMLResponse value. */
export interface SpidLogRecord {
  requestId?: string | null;
  responseId?: string | null;
  requestIssueInstant?: Date | null;
  responseIssueInstant?: Date | null;
  idp?: string | null;
  codiceFiscale?: string | null;
  level?: string | null;
  outcome: SpidLogOutcome;
  errorCode?: string | null;
  errorReason?: string | null;
  requestXml?: string | null;
  responseXml?: string | null;
  /** The SAMLResponse form value as posted (hashed and measured, never stored whole). */
  posted?: string;
  clientIp?: string | null;
  /**
   * True when the message answers an AuthnRequest of ours (a real exchange): both messages are kept whole. False: only
   * ids, sizes, the hash and the first bytes.
   */
  exchange: boolean;
}

const DAY_MS = 24 * 3600_000;
/** What a message matching no request of ours may store of its text. */
export const UNMATCHED_HEAD_CHARS = 1024;
const ID_CHARS = 256;

/** PostgreSQL `text` refuses U+0000: a message carrying one must still leave its row. */
function storable(value: string | null | undefined, max?: number): string | null {
  if (value === null || value === undefined) return null;
  // eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL text refuses
  const clean = value.replace(/\u0000/g, '\uFFFD');
  return max === undefined ? clean : clean.slice(0, max);
}

/**
 * The register of every AuthnRequest / Response pair that SPID requires (kept 24 months, then purged): ids, instants,
 * IdP, codice fiscale, level, outcome, and both messages as exchanged. What an unauthenticated client can make it
 * store is bounded: a message matching no request of ours keeps only its hash, size and first bytes, and refusals
 * from one client address are budgeted per window (rows and bytes); past the budget nothing more is stored for it.
 */
@Injectable()
export class SpidLogService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: ReturnType<typeof createLogger>;
  private timer?: NodeJS.Timeout;
  private lastBudgetWarning = 0;

  constructor(
    private readonly register: SpidLogRepository,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {
    this.logger = createLogger('identity.spid-log', env.LOG_LEVEL);
  }

  /** A successful login: the whole pair, in the login's transaction. */
  async recordSuccess(entry: SpidLogRecord, manager: EntityManager): Promise<void> {
    await this.register.insert(this.row(entry, true), manager);
  }

  /** The same row, as a part of the login's one statement (see `SqlStatement`), only if `onlyIf` holds. */
  successPart(st: SqlStatement, entry: SpidLogRecord, onlyIf?: string): string {
    return this.register.insertPart(st, this.row(entry, true), onlyIf);
  }

  /** A refused or failed message, within the client's budget; returns whether a row was written. */
  async recordRefusal(entry: SpidLogRecord): Promise<boolean> {
    const ip = entry.clientIp ?? 'unknown';
    const since = new Date(Date.now() - this.env.SPID_LOG_CLIENT_WINDOW_SECONDS * 1000);
    const usage = await this.register.refusalsOf(ip, since);
    if (usage.rows >= this.env.SPID_LOG_CLIENT_MAX_ROWS) {
      if (Date.now() - this.lastBudgetWarning > 60_000) {
        this.lastBudgetWarning = Date.now();
        this.logger.warn(
          { clientIp: ip, rows: usage.rows },
          'SPID register: client over its budget, refusal not stored',
        );
      }
      return false;
    }
    const whole = entry.exchange && usage.bytes < this.env.SPID_LOG_CLIENT_MAX_BYTES;
    await this.register.insert(this.row({ ...entry, clientIp: ip }, whole));
    return true;
  }

  private row(entry: SpidLogRecord, whole: boolean) {
    const requestXml = storable(entry.requestXml);
    const responseXml = whole ? storable(entry.responseXml) : storable(entry.responseXml, UNMATCHED_HEAD_CHARS);
    const truncated = !whole && (entry.responseXml?.length ?? 0) > (responseXml?.length ?? 0);
    return {
      requestId: storable(entry.requestId, ID_CHARS),
      responseId: storable(entry.responseId, ID_CHARS),
      requestIssueInstant: entry.requestIssueInstant ?? null,
      responseIssueInstant: entry.responseIssueInstant ?? null,
      idp: storable(entry.idp, ID_CHARS),
      codiceFiscale: entry.codiceFiscale ?? null,
      level: entry.level ?? null,
      outcome: entry.outcome,
      errorCode: entry.errorCode ?? null,
      errorReason: storable(entry.errorReason, 1000),
      requestXml,
      responseXml,
      clientIp: storable(entry.clientIp, 64),
      responseSha256: entry.posted ? createHash('sha256').update(entry.posted).digest('hex') : null,
      responseSize: entry.posted?.length ?? null,
      responseTruncated: truncated,
      storedBytes: Buffer.byteLength(requestXml ?? '') + Buffer.byteLength(responseXml ?? ''),
    };
  }

  /** Deletes rows older than the retention period; returns how many. */
  purge(now = new Date()): Promise<number> {
    return this.register.purgeOlderThan(this.env.SPID_LOG_RETENTION_MONTHS, now);
  }

  onApplicationBootstrap(): void {
    const run = () =>
      this.purge().then(
        (n) => n > 0 && this.logger.info({ purged: n }, 'SPID register: old rows purged'),
        (err: Error) => this.logger.warn({ err: err.message }, 'SPID register purge failed'),
      );
    void run();
    this.timer = setInterval(() => void run(), DAY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
