import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createLogger } from '@profila/platform';
import type { AdminVerificationEnv } from '../config/admin-verification.env.js';
import { ADMIN_VERIFICATION_ENV } from '../config/admin-verification.tokens.js';
import { OperatorRequestsService } from './operator-requests.service.js';
import { StaleDraftsCleaner } from './stale-drafts.js';

/**
 * The SLA timer: every SLA_SWEEP_INTERVAL_SECONDS, requests past their due day expire (with a mail each) and drafts
 * never sent for STALE_DRAFT_DAYS are deleted.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly log = createLogger('admin-verification');

  constructor(
    private readonly requests: OperatorRequestsService,
    private readonly drafts: StaleDraftsCleaner,
    @Inject(ADMIN_VERIFICATION_ENV) private readonly env: AdminVerificationEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.env.SLA_SWEEP_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<number> {
    try {
      const expired = await this.requests.expireDue(now);
      if (expired > 0) this.log.info({ expired }, 'verification requests expired');
      const deleted = await this.drafts.clean(now);
      if (deleted > 0) this.log.info({ deleted }, 'stale drafts deleted');
      return expired;
    } catch (error) {
      this.log.warn({ err: error }, 'SLA sweep failed');
      return 0;
    }
  }
}
