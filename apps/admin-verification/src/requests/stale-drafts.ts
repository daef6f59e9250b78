import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import { createLogger } from '@profila/platform';
import { DocumentStoreClient } from '../clients/document-store.client.js';
import type { AdminVerificationEnv } from '../config/admin-verification.env.js';
import { ADMIN_VERIFICATION_ENV } from '../config/admin-verification.tokens.js';
import { documentEntityIds } from './request-view.js';
import { VerificationRequestRepository } from './verification-request.repository.js';

/**
 * Drafts never sent ("Salva" without "Invia") and unchanged for STALE_DRAFT_DAYS are deleted with their history;
 * their documents in document-store are deleted first (logically: no longer listed nor downloadable). Each deletion
 * is audited with what went. A draft whose documents cannot be deleted now stays for the next sweep.
 */
@Injectable()
export class StaleDraftsCleaner {
  private readonly log = createLogger('admin-verification');

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: VerificationRequestRepository,
    private readonly documents: DocumentStoreClient,
    private readonly audit: AuditTrail,
    @Inject(ADMIN_VERIFICATION_ENV) private readonly env: AdminVerificationEnv,
  ) {}

  /** Deletes the stale drafts; how many. */
  async clean(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.env.STALE_DRAFT_DAYS * 86_400_000);
    const candidates = await this.requests.staleDrafts(this.dataSource.manager, before);
    let deleted = 0;
    for (const candidate of candidates) {
      try {
        const docs = (await Promise.all(documentEntityIds(candidate).map((id) => this.documents.list(id)))).flat();
        await this.dataSource.transaction(async (tx) => {
          // Still a stale draft (the applicant may have changed or sent it meanwhile)?
          const request = await this.requests.lockStaleDraft(tx, candidate.id, before);
          if (!request) return;
          for (const doc of docs) await this.documents.delete(doc.id);
          if (!(await this.requests.deleteDraft(tx, request.id))) return;
          await this.audit.record(tx, {
            action: 'verification-request.draft-deleted',
            subject: { type: 'verification-request', id: request.id },
            data: {
              kind: request.kind,
              applicantCf: request.applicantCf,
              createdAt: request.createdAt.toISOString(),
              lastChangedAt: request.updatedAt.toISOString(),
              staleAfterDays: this.env.STALE_DRAFT_DAYS,
              documents: docs.map((d) => ({ id: d.id, kind: d.kind, fileName: d.fileName })),
            },
            occurredAt: now,
          });
          deleted += 1;
        });
      } catch (error) {
        this.log.warn({ err: error, requestId: candidate.id }, 'stale draft not deleted: retried at the next sweep');
      }
    }
    return deleted;
  }
}
