import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Waker } from '@profila/messaging';
import { createLogger, requestContext, SYSTEM_ACTOR } from '@profila/platform';
import { randomUUID } from 'node:crypto';
import { AccessRightsService } from '../access-rights/access-rights.service.js';
import type { DelegationEnv } from '../config/delegation.env.js';
import { DELEGATION_ENV } from '../config/delegation.tokens.js';
import { DelegationRepository } from './delegation.repository.js';
import { DelegationsService } from './delegations.service.js';

const BATCH = 50;

/**
 * Scadenza by itself: ended deleghe become Scadute, ended grants expire, and the notice goes out some days before.
 * Safe with several replicas: each batch claims its rows with FOR UPDATE SKIP LOCKED, so every delega and every grant
 * has one winner, and a replica that dies mid-batch rolls back for another to take.
 */
@Injectable()
export class DelegationExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('delegation:expiry');
  private readonly waker = new Waker();
  private readonly abort = new AbortController();
  private loop?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deleghe: DelegationRepository,
    private readonly service: DelegationsService,
    private readonly accessRights: AccessRightsService,
    @Inject(DELEGATION_ENV) private readonly env: DelegationEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    this.waker.notify();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        await this.runOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'expiry round failed');
      }
      await this.waker.wait(this.env.DELEGATION_EXPIRY_INTERVAL_MS, this.abort.signal);
    }
  }

  /** One round at `now`: returns what it did. */
  async runOnce(now = new Date()): Promise<{ expired: number; noticed: number; grantsExpired: number }> {
    const done = { expired: 0, noticed: 0, grantsExpired: 0 };
    const asSystem = <T>(fn: () => Promise<T>) =>
      requestContext.run({ requestId: randomUUID(), correlationId: randomUUID(), actor: SYSTEM_ACTOR }, fn);
    for (;;) {
      const n = await asSystem(() =>
        this.dataSource.transaction(async (manager) => {
          const ids = await this.deleghe.claimEnded(manager, now, BATCH);
          for (const id of ids) await this.service.expireClaimed(manager, id, now);
          return ids.length;
        }),
      );
      done.expired += n;
      if (n < BATCH) break;
    }
    const days = this.env.DELEGATION_EXPIRING_NOTICE_DAYS;
    if (days > 0) {
      const before = new Date(now.getTime() + days * 86_400_000);
      for (;;) {
        const n = await asSystem(() =>
          this.dataSource.transaction(async (manager) => {
            const ids = await this.deleghe.claimExpiring(manager, now, before, BATCH);
            for (const id of ids) await this.service.noticeClaimed(manager, id, now);
            return ids.length;
          }),
        );
        done.noticed += n;
        if (n < BATCH) break;
      }
    }
    for (;;) {
      const n = await asSystem(() =>
        this.dataSource.transaction((manager) => this.accessRights.expireDue(manager, now, BATCH)),
      );
      done.grantsExpired += n;
      if (n < BATCH) break;
    }
    if (done.expired + done.noticed + done.grantsExpired > 0) this.logger.info(done, 'expiry round');
    return done;
  }
}
