import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { createLogger } from '@profila/platform';
import { DOCUMENT_STORE_ENV } from '../config/document-store.tokens.js';
import type { DocumentStoreEnv } from '../config/document-store.env.js';
import { ObjectStorage } from '../storage/object-storage.js';
import { DocumentRepository } from './document.repository.js';

/** Prefix of every document object (`documents/<yyyy-mm>/<id>`). */
export const DOCUMENT_OBJECTS_PREFIX = 'documents/';
const BATCH = 500;

export interface SweepReport {
  /** false when another replica was sweeping. */
  ran: boolean;
  staleClaims: number;
  orphanObjects: number;
  expiredLinks: number;
}

/**
 * Removes what an interrupted upload leaves (personal data nobody points to): the objects of upload claims older
 * than ORPHAN_GRACE_MINUTES, and any object under `documents/` older than that which neither a document nor a
 * claim names; also the expired download links. Runs every SWEEP_INTERVAL_SECONDS on an unref'd timer, one
 * replica at a time.
 */
@Injectable()
export class UploadSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: ReturnType<typeof createLogger>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<SweepReport>;

  constructor(
    private readonly documents: DocumentRepository,
    private readonly storage: ObjectStorage,
    @Inject(DOCUMENT_STORE_ENV) private readonly env: DocumentStoreEnv,
  ) {
    this.logger = createLogger('document-store.sweeper', env.LOG_LEVEL);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.error({ err: error }, 'sweep failed'));
    }, this.env.SWEEP_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; `now` decides what is old enough. */
  sweep(now = new Date()): Promise<SweepReport> {
    this.running ??= this.sweepOnce(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepOnce(now: Date): Promise<SweepReport> {
    const cutoff = new Date(now.getTime() - this.env.ORPHAN_GRACE_MINUTES * 60_000);
    const report: SweepReport = { ran: false, staleClaims: 0, orphanObjects: 0, expiredLinks: 0 };
    report.ran = await this.documents.exclusively('document-store:upload-sweeper', async () => {
      for (const claim of await this.documents.staleClaims(cutoff)) {
        // A claim whose document was recorded cannot exist (the same transaction releases it), but never lose bytes.
        if (!(await this.documents.isDocumentObject(claim.objectKey))) {
          await this.storage.remove(claim.objectKey);
          report.staleClaims++;
        }
        await this.documents.releaseClaim(claim.objectKey);
      }
      let batch: string[] = [];
      const flush = async () => {
        const referenced = await this.documents.referencedKeys(batch);
        for (const key of batch.filter((k) => !referenced.has(k))) {
          await this.storage.remove(key);
          report.orphanObjects++;
        }
        batch = [];
      };
      for await (const object of this.storage.listObjects(DOCUMENT_OBJECTS_PREFIX)) {
        if (object.lastModified >= cutoff) continue;
        batch.push(object.key);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      report.expiredLinks = await this.documents.deleteExpiredLinks(now);
    });
    if (report.staleClaims + report.orphanObjects > 0) {
      this.logger.warn(report, 'removed objects left by interrupted uploads');
    }
    return report;
  }
}
