import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, LessThan, LessThanOrEqual, MoreThan } from 'typeorm';
import type { DocumentEntityType } from './domain/document-entity.js';
import type { DocumentKind } from '../domain/document-kind.js';
import { DownloadLink } from './download-link.entity.js';
import { PendingUpload } from './pending-upload.entity.js';
import { StoredDocument } from './stored-document.entity.js';

export type SameKindDocument = Pick<StoredDocument, 'id' | 'kind' | 'status' | 'version'>;

/**
 * Every query of the documents aggregate: `document`, the upload claims (`pending_upload`) and the download links
 * (`download_link`). Methods taking a manager run inside the caller's transaction.
 */
@Injectable()
export class DocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // --- documents --------------------------------------------------------------------------------------------------

  /** Serialises uploads of one kind for one entity: versions and "one current document" stay exact. */
  async lockEntityKind(tx: EntityManager, entityType: DocumentEntityType, entityId: string, kind: DocumentKind) {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `document:${entityType}:${entityId}:${kind}`,
    ]);
  }

  sameKind(
    tx: EntityManager,
    entityType: DocumentEntityType,
    entityId: string,
    kind: DocumentKind,
  ): Promise<SameKindDocument[]> {
    return tx.getRepository(StoredDocument).find({
      where: { entityType, entityId, kind },
      select: { id: true, kind: true, status: true, version: true },
    });
  }

  async insert(tx: EntityManager, doc: StoredDocument): Promise<void> {
    await tx.getRepository(StoredDocument).insert(doc);
  }

  async markSuperseded(tx: EntityManager, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await tx.getRepository(StoredDocument).update({ id: In(ids) }, { status: 'superseded', supersededAt: at });
  }

  async markDeleted(tx: EntityManager, id: string, at: Date, by: string): Promise<void> {
    await tx.getRepository(StoredDocument).update({ id }, { status: 'deleted', deletedAt: at, deletedBy: by });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<StoredDocument | null> {
    return manager.getRepository(StoredDocument).findOneBy({ id });
  }

  findByIdForUpdate(tx: EntityManager, id: string): Promise<StoredDocument | null> {
    return tx.getRepository(StoredDocument).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  listForEntity(entityType: DocumentEntityType, entityId: string, history: boolean): Promise<StoredDocument[]> {
    return this.dataSource.getRepository(StoredDocument).find({
      where: { entityType, entityId, status: history ? In(['active', 'superseded']) : 'active' },
      order: { kind: 'ASC', version: 'DESC' },
    });
  }

  // --- upload claims ----------------------------------------------------------------------------------------------

  /** Committed on its own, before the bytes are written. */
  async claim(objectKey: string, documentId: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(PendingUpload).insert({ objectKey, documentId, startedAt: at });
  }

  /** Whether there was a claim to release. */
  async releaseClaim(objectKey: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const result = await manager.getRepository(PendingUpload).delete({ objectKey });
    return (result.affected ?? 0) > 0;
  }

  staleClaims(startedBefore: Date, limit = 500): Promise<PendingUpload[]> {
    return this.dataSource.getRepository(PendingUpload).find({
      where: { startedAt: LessThan(startedBefore) },
      order: { startedAt: 'ASC' },
      take: limit,
    });
  }

  /** The keys among `keys` that a document or a live claim points to. */
  async referencedKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const [docs, claims] = await Promise.all([
      this.dataSource
        .getRepository(StoredDocument)
        .find({ where: { objectKey: In(keys) }, select: { objectKey: true } }),
      this.dataSource
        .getRepository(PendingUpload)
        .find({ where: { objectKey: In(keys) }, select: { objectKey: true } }),
    ]);
    return new Set([...docs, ...claims].map((row) => row.objectKey));
  }

  async isDocumentObject(objectKey: string): Promise<boolean> {
    return this.dataSource.getRepository(StoredDocument).existsBy({ objectKey });
  }

  /**
   * Runs `work` only if no other replica is sweeping (a transaction-scoped advisory lock); false when it is taken.
   */
  async exclusively(name: string, work: () => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query<Array<{ locked: boolean }>>(
        'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
        [name],
      );
      if (!locked) return false;
      await work();
      return true;
    });
  }

  // --- download links ---------------------------------------------------------------------------------------------

  async insertLink(link: DownloadLink): Promise<void> {
    await this.dataSource.getRepository(DownloadLink).insert(link);
  }

  findLiveLink(tokenSha256: string, now: Date): Promise<DownloadLink | null> {
    return this.dataSource.getRepository(DownloadLink).findOneBy({ tokenSha256, expiresAt: MoreThan(now) });
  }

  async deleteLinksOf(tx: EntityManager, documentId: string): Promise<void> {
    await tx.getRepository(DownloadLink).delete({ documentId });
  }

  async deleteExpiredLinks(now: Date): Promise<number> {
    const result = await this.dataSource.getRepository(DownloadLink).delete({ expiresAt: LessThanOrEqual(now) });
    return result.affected ?? 0;
  }
}
