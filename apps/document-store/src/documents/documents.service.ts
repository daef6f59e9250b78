import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, In } from 'typeorm';
import type { DocumentV1 } from '@profila/contracts';
import { isValidCodiceFiscalePersona, normalizeCodiceFiscale } from '@profila/italian';
import { OutboxService } from '@profila/messaging';
import { type Actor, createLogger } from '@profila/platform';
import { DOCUMENT_STORE_ENV } from '../config/document-store.tokens.js';
import type { DocumentStoreEnv } from '../config/document-store.env.js';
import { ObjectStorage, type PresignedDownload } from '../storage/object-storage.js';
import { canDeleteDocument, canSeeDocument, decideUpload, seesWholeEntity } from './domain/document-access.policy.js';
import type { DocumentEntityType } from './domain/document-entity.js';
import type { DocumentKind } from './domain/document-kind.js';
import { DocumentRuleError } from './domain/document-rule.error.js';
import { assertTransition, documentsSupersededBy, isDownloadable } from './domain/document-status.js';
import { UploadGuard, type UploadSummary } from './domain/upload-guard.js';
import { DocumentException, DocumentExceptionCode } from './documents.exception.js';
import type { ListDocumentsQuery } from './dto/list-documents.query.js';
import { UploadDocumentFields } from './dto/upload-document.dto.js';
import { StoredDocument } from './stored-document.entity.js';

/** An upload whose fields have been checked and authorised, waiting for its bytes. */
export interface PreparedUpload {
  kind: DocumentKind;
  entityType: DocumentEntityType;
  entityId: string;
  territory: string | null;
  ownerId: string | null;
  guard: UploadGuard;
}

export interface ReceivedFile {
  fileName: string;
  bytes: Buffer;
  summary: UploadSummary;
}

@Injectable()
export class DocumentsService {
  private readonly logger: ReturnType<typeof createLogger>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly storage: ObjectStorage,
    @Inject(DOCUMENT_STORE_ENV) private readonly env: DocumentStoreEnv,
  ) {
    this.logger = createLogger('document-store.documents', env.LOG_LEVEL);
  }

  /**
   * Checks the form fields and whether the caller may attach a document there, before a byte of the file is read;
   * the returned guard enforces the limits of the kind while the file streams in.
   */
  async prepareUpload(actor: Actor, rawFields: Record<string, string>): Promise<PreparedUpload> {
    const fields = plainToInstance(UploadDocumentFields, rawFields);
    const errors = await validate(fields, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const messages = errors.flatMap((e) =>
        e.constraints ? Object.values(e.constraints) : [`${e.property}: campo non previsto`],
      );
      throw new DocumentException(
        DocumentExceptionCode.INVALID_UPLOAD,
        `Dati del documento non validi (i campi del modulo devono precedere il file): ${messages.join('; ')}.`,
        { errors: messages },
      );
    }
    const entityId = normalizeEntityId(fields.entityType, fields.entityId);
    if (fields.ownerId !== undefined && actor.kind !== 'service') {
      throw new DocumentException(
        DocumentExceptionCode.UPLOAD_NOT_ALLOWED,
        'Il titolare del documento può essere indicato solo da un servizio.',
      );
    }
    const decision = decideUpload(actor, {
      entityType: fields.entityType,
      entityId,
      territory: fields.territory ?? null,
      ownerId: fields.ownerId ?? null,
    });
    if (!decision.allowed) throw new DocumentException(DocumentExceptionCode.UPLOAD_NOT_ALLOWED, decision.reason);
    return {
      kind: fields.kind,
      entityType: fields.entityType,
      entityId,
      territory: fields.territory ?? null,
      ownerId: decision.ownerId,
      guard: UploadGuard.forKind(fields.kind),
    };
  }

  /**
   * Writes the accepted bytes as a new object, then records the document (superseding the current one of its kind)
   * and its event in one transaction; if recording fails the object is removed again.
   */
  async store(actor: Actor, upload: PreparedUpload, file: ReceivedFile, at = new Date()): Promise<StoredDocument> {
    const id = randomUUID();
    const objectKey = `documents/${at.toISOString().slice(0, 7)}/${id}`;
    try {
      await this.storage.put(objectKey, file.bytes, file.summary.contentType);
    } catch (error) {
      this.logger.error({ err: error, objectKey }, 'object storage write failed');
      await this.storage.removeQuietly(objectKey);
      throw new DocumentException(
        DocumentExceptionCode.STORAGE_UNAVAILABLE,
        'Archivio dei documenti non disponibile: riprovare più tardi.',
      );
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Serialises uploads of the same kind for the same entity: versions and "one current document" stay exact.
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `document:${upload.entityType}:${upload.entityId}:${upload.kind}`,
        ]);
        const repo = manager.getRepository(StoredDocument);
        const sameKind = await repo.find({
          where: { entityType: upload.entityType, entityId: upload.entityId, kind: upload.kind },
          select: { id: true, kind: true, status: true, version: true },
        });
        const superseded = documentsSupersededBy(upload.kind, sameKind);
        const doc = repo.create({
          id,
          kind: upload.kind,
          entityType: upload.entityType,
          entityId: upload.entityId,
          ownerId: upload.ownerId,
          territory: upload.territory,
          fileName: file.fileName,
          size: file.summary.size,
          contentType: file.summary.contentType,
          sha256: file.summary.sha256,
          objectKey,
          uploadedBy: actor.id,
          uploadedByKind: actor.kind,
          uploadedActingFor: actor.actingFor ?? null,
          uploadedAt: at,
          status: 'active',
          version: Math.max(0, ...sameKind.map((d) => d.version)) + 1,
          supersedesId: superseded.length === 1 ? superseded[0] : null,
          supersededAt: null,
          deletedAt: null,
          deletedBy: null,
        });
        await repo.insert(doc);
        if (superseded.length > 0) {
          for (const old of sameKind.filter((d) => superseded.includes(d.id)))
            assertTransition(old.status, 'superseded');
          await repo.update({ id: In(superseded) }, { status: 'superseded', supersededAt: at });
        }
        await this.outbox.add(manager, 'document.stored', id, toEventData(doc));
        return doc;
      });
    } catch (error) {
      await this.storage.removeQuietly(objectKey);
      throw error instanceof DocumentRuleError ? DocumentException.fromRule(error) : error;
    }
  }

  /** The documents of an entity the caller may see: active ones, or every version with `history`. */
  async list(actor: Actor, query: ListDocumentsQuery): Promise<StoredDocument[]> {
    const entityId = normalizeEntityId(query.entityType, query.entityId);
    const docs = await this.dataSource.getRepository(StoredDocument).find({
      where: {
        entityType: query.entityType,
        entityId,
        status: query.history ? In(['active', 'superseded']) : 'active',
      },
      order: { kind: 'ASC', version: 'DESC' },
    });
    if (seesWholeEntity(actor, query.entityType, entityId)) return docs;
    return docs.filter((doc) => canSeeDocument(actor, doc));
  }

  /** A document the caller may see; any other id is "not found", whether it exists or not. */
  async get(actor: Actor, id: string): Promise<StoredDocument> {
    const doc = await this.dataSource.getRepository(StoredDocument).findOneBy({ id });
    if (!doc || !canSeeDocument(actor, doc)) throw DocumentException.notFound();
    return doc;
  }

  async downloadLink(actor: Actor, id: string): Promise<PresignedDownload> {
    const doc = await this.get(actor, id);
    if (!isDownloadable(doc.status)) {
      throw new DocumentException(DocumentExceptionCode.DOCUMENT_DELETED, 'Il documento è stato eliminato.');
    }
    return this.storage.presignedDownload(doc.objectKey, this.env.DOWNLOAD_URL_TTL_SECONDS, {
      fileName: doc.fileName,
      contentType: doc.contentType,
    });
  }

  /** Soft delete: the row and the bytes stay for the audit trail; the document is no longer listed nor downloadable. */
  async delete(actor: Actor, id: string, at = new Date()): Promise<StoredDocument> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(StoredDocument);
      const doc = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!doc || !canSeeDocument(actor, doc)) throw DocumentException.notFound();
      if (!canDeleteDocument(actor, doc)) {
        throw new DocumentException(
          DocumentExceptionCode.DELETE_NOT_ALLOWED,
          'Non è consentito eliminare questo documento.',
        );
      }
      try {
        assertTransition(doc.status, 'deleted');
      } catch (error) {
        throw error instanceof DocumentRuleError ? DocumentException.fromRule(error) : error;
      }
      doc.status = 'deleted';
      doc.deletedAt = at;
      doc.deletedBy = actor.id;
      await repo.update({ id }, { status: 'deleted', deletedAt: at, deletedBy: actor.id });
      await this.outbox.add(manager, 'document.deleted', id, toEventData(doc));
      return doc;
    });
  }
}

/** Citizens are keyed by their codice fiscale in upper case; other ids are kept as given. */
function normalizeEntityId(entityType: DocumentEntityType, entityId: string): string {
  if (entityType !== 'citizen') return entityId;
  const cf = normalizeCodiceFiscale(entityId);
  if (!isValidCodiceFiscalePersona(cf)) {
    throw new DocumentException(DocumentExceptionCode.INVALID_ENTITY, 'Codice fiscale del cittadino non valido.');
  }
  return cf;
}

function toEventData(doc: StoredDocument): DocumentV1 {
  return {
    documentId: doc.id,
    kind: doc.kind,
    entityType: doc.entityType,
    entityId: doc.entityId,
    ownerId: doc.ownerId,
    fileName: doc.fileName,
    size: doc.size,
    contentType: doc.contentType,
    sha256: doc.sha256,
    version: doc.version,
    supersedesId: doc.supersedesId,
  };
}
