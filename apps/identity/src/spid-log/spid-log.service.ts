import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { createLogger } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV } from '../identity.tokens.js';

export interface SpidLogEntry {
  requestId?: string | null;
  responseId?: string | null;
  requestIssueInstant?: Date | null;
  responseIssueInstant?: Date | null;
  idp?: string | null;
  codiceFiscale?: string | null;
  level?: string | null;
  /** success, refused, error */
  outcome: 'success' | 'refused' | 'error';
  errorCode?: string | null;
  errorReason?: string | null;
  requestXml?: string | null;
  responseXml?: string | null;
}

const DAY_MS = 24 * 3600_000;

/**
 * The register of every AuthnRequest / Response pair that SPID requires (kept 24 months, then purged): ids, instants,
 * IdP, codice fiscale, level, outcome, and both messages as exchanged.
 */
@Injectable()
export class SpidLogService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: ReturnType<typeof createLogger>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {
    this.logger = createLogger('identity.spid-log', env.LOG_LEVEL);
  }

  async record(entry: SpidLogEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO spid_log (request_id, response_id, request_issue_instant, response_issue_instant, idp,
         codice_fiscale, level, outcome, error_code, error_reason, request_xml, response_xml)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        entry.requestId ?? null,
        entry.responseId ?? null,
        entry.requestIssueInstant ?? null,
        entry.responseIssueInstant ?? null,
        entry.idp ?? null,
        entry.codiceFiscale ?? null,
        entry.level ?? null,
        entry.outcome,
        entry.errorCode ?? null,
        entry.errorReason?.slice(0, 1000) ?? null,
        entry.requestXml ?? null,
        entry.responseXml ?? null,
      ],
    );
  }

  /** Deletes rows older than the retention period; returns how many. */
  async purge(now = new Date()): Promise<number> {
    const result = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM spid_log WHERE created_at < $1::timestamptz - make_interval(months => $2::int)`,
      [now, this.env.SPID_LOG_RETENTION_MONTHS],
    );
    return result[1];
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
