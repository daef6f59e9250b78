import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DocumentV1 } from '@profila/contracts';
import { isValidCodiceFiscalePersona, normalizeCodiceFiscale } from '@profila/italian';
import { OutboxService } from '@profila/messaging';
import { type Actor, createLogger, validationFailed } from '@profila/platform';
import { DOCUMENT_STORE_ENV } from '../config/document-store.tokens.js';
import type { DocumentStoreEnv } from '../config/document-store.env.js';
import { ObjectStorage } from '../storage/object-storage.js';
import { DocumentRepository } from './document.repository.js';
import {
  canDeleteDocument,
  canSeeDocument,
  decideUpload,
  needsLinkConfirmation,
  seesWholeEntity,
} from './domain/document-access.policy.js';
import type { DocumentEntityType } from './domain/document-entity.js';
import type { DocumentKind } from '../domain/document-kind.js';
import { DocumentRuleError } from '../domain/document-rule.error.js';
import { assertTransition, documentsSupersededBy, isDownloadable } from './domain/document-status.js';
import { fileNameForContentType } from './domain/file-name.js';
import { UploadGuard, type UploadSummary } from './domain/upload-guard.js';
import { DocumentException, DocumentExceptionCode } from './documents.exception.js';
import type { ListDocumentsQuery } from './dto/list-documents.query.js';
import { UploadDocumentFields } from './dto/upload-document.dto.js';
import { LinkedEntities } from './linked-entities/linked-entities.js';
import { formFields } from './multipart-upload.js';
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

export interface IssuedDownloadLink {
  /** Path on the caller's origin (the gateway's `/api/document-store` prefix included). */
  url: string;
  expiresAt: Date;
}

export interface VerifiedDownload {
  document: StoredDocument;
  bytes: Buffer;
}

/** 32 random bytes, base64url. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

@Injectable()
export class DocumentsService {
  private readonly logger: ReturnType<typeof createLogger>;

  constructor(
    private readonly documents: DocumentRepository,
    private readonly outbox: OutboxService,
    private readonly storage: ObjectStorage,
    private readonly links: LinkedEntities,
    @Inject(DOCUMENT_STORE_ENV) private readonly env: DocumentStoreEnv,
  ) {
    this.logger = createLogger('document-store.documents', env.LOG_LEVEL);
  }

  /**
   * Checks the form fields and whether the caller may attach a document there, before a byte of the file is read:
   * a request of another service must be confirmed by its owner, which also says whose it is and its territory.
   * The returned guard enforces the limits of the kind while the file streams in.
   */
  async prepareUpload(actor: Actor, rawFields: Record<string, string>): Promise<PreparedUpload> {
    const fields = await formFields(UploadDocumentFields, rawFields);
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
    let ownerId = decision.ownerId;
    let territory = fields.territory ?? null;
    if (needsLinkConfirmation(actor, fields.entityType)) {
      const link = await this.links.confirm(actor, fields.entityType, entityId);
      if (!link.confirmed) {
        throw new DocumentException(
          link.reason === 'unverifiable'
            ? DocumentExceptionCode.LINKED_ENTITY_NOT_VERIFIABLE
            : DocumentExceptionCode.LINKED_ENTITY_NOT_CONFIRMED,
          link.message,
          { entityType: fields.entityType },
        );
      }
      ownerId = link.ownerId;
      territory = link.territory ?? territory;
    }
    return {
      kind: fields.kind,
      entityType: fields.entityType,
      entityId,
      territory,
      ownerId,
      guard: UploadGuard.forKind(fields.kind),
    };
  }

  /**
   * Write-then-claim: the object key is claimed (committed) before the bytes are written, then the document, its
   * supersessions and its event are recorded in one transaction that also releases the claim. A process killed in
   * between leaves a claim, and the sweeper removes its object; a refused or failed upload removes it at once.
   */
  async store(actor: Actor, upload: PreparedUpload, file: ReceivedFile, at = new Date()): Promise<StoredDocument> {
    const id = randomUUID();
    const objectKey = `documents/${at.toISOString().slice(0, 7)}/${id}`;
    await this.documents.claim(objectKey, id, at);
    try {
      await this.storage.put(objectKey, file.bytes, file.summary.contentType);
    } catch (error) {
      this.logger.error({ err: error, objectKey }, 'object storage write failed');
      await this.abandon(objectKey);
      throw new DocumentException(
        DocumentExceptionCode.STORAGE_UNAVAILABLE,
        'Archivio dei documenti non disponibile: riprovare più tardi.',
      );
    }
    try {
      return await this.documents.transaction(async (tx) => {
        await this.documents.lockEntityKind(tx, upload.entityType, upload.entityId, upload.kind);
        const sameKind = await this.documents.sameKind(tx, upload.entityType, upload.entityId, upload.kind);
        const superseded = documentsSupersededBy(upload.kind, sameKind);
        const doc = Object.assign(new StoredDocument(), {
          id,
          kind: upload.kind,
          entityType: upload.entityType,
          entityId: upload.entityId,
          ownerId: upload.ownerId,
          territory: upload.territory,
          fileName: fileNameForContentType(file.fileName, file.summary.contentType),
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
        } satisfies StoredDocument);
        await this.documents.insert(tx, doc);
        for (const old of sameKind.filter((d) => superseded.includes(d.id))) assertTransition(old.status, 'superseded');
        await this.documents.markSuperseded(tx, superseded, at);
        if (!(await this.documents.releaseClaim(objectKey, tx))) {
          // The sweeper took the claim (and the object) of an upload that stalled past the grace period.
          throw new DocumentException(
            DocumentExceptionCode.STORAGE_UNAVAILABLE,
            'Caricamento scaduto: riprovare a caricare il documento.',
          );
        }
        await this.outbox.add(tx, 'document.stored', id, toEventData(doc));
        return doc;
      });
    } catch (error) {
      await this.abandon(objectKey);
      throw error instanceof DocumentRuleError ? DocumentException.fromRule(error) : error;
    }
  }

  /** The documents of an entity the caller may see: active ones, or every version with `history`. */
  async list(actor: Actor, query: ListDocumentsQuery): Promise<StoredDocument[]> {
    const entityId = normalizeEntityId(query.entityType, query.entityId);
    const docs = await this.documents.listForEntity(query.entityType, entityId, query.history === true);
    if (seesWholeEntity(actor, query.entityType, entityId)) return docs;
    return docs.filter((doc) => canSeeDocument(actor, doc));
  }

  /** A document the caller may see; any other id is "not found", whether it exists or not. */
  async get(actor: Actor, id: string): Promise<StoredDocument> {
    const doc = await this.documents.findById(id);
    if (!doc || !canSeeDocument(actor, doc)) throw DocumentException.notFound();
    return doc;
  }

  /**
   * A link to {@link download}, valid for DOWNLOAD_LINK_TTL_SECONDS (≤ 60 s). Only the SHA-256 of its token is kept;
   * deleting the document revokes it.
   */
  async downloadLink(actor: Actor, id: string, basePath: string, now = new Date()): Promise<IssuedDownloadLink> {
    const doc = await this.get(actor, id);
    assertDownloadable(doc);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.env.DOWNLOAD_LINK_TTL_SECONDS * 1000);
    await this.documents.insertLink({
      tokenSha256: sha256(token),
      documentId: doc.id,
      issuedTo: actor.id,
      issuedAt: now,
      expiresAt,
    });
    return { url: `${basePath}/documents/download/${token}`, expiresAt };
  }

  /**
   * The bytes behind a live link, when the document is still downloadable and the bytes are those uploaded: the
   * object store is not trusted to hand back what it was given.
   */
  async download(token: string, now = new Date()): Promise<VerifiedDownload> {
    const link = LINK_TOKEN.test(token) ? await this.documents.findLiveLink(sha256(token), now) : null;
    if (!link) {
      throw new DocumentException(
        DocumentExceptionCode.DOWNLOAD_LINK_INVALID,
        'Link di download scaduto o non valido: richiederne uno nuovo.',
      );
    }
    const doc = await this.documents.findById(link.documentId);
    if (!doc) throw DocumentException.notFound();
    assertDownloadable(doc);
    return { document: doc, bytes: await this.verifiedBytes(doc) };
  }

  /** A document the caller may see with its verified bytes (for a check done on the stored file). */
  async contentOf(actor: Actor, id: string): Promise<VerifiedDownload> {
    const doc = await this.get(actor, id);
    assertDownloadable(doc);
    return { document: doc, bytes: await this.verifiedBytes(doc) };
  }

  /** Soft delete: the row and the bytes stay for the audit trail; the document is no longer listed nor downloadable. */
  async delete(actor: Actor, id: string, at = new Date()): Promise<StoredDocument> {
    return this.documents.transaction(async (tx) => {
      const doc = await this.documents.findByIdForUpdate(tx, id);
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
      await this.documents.markDeleted(tx, id, at, actor.id);
      await this.documents.deleteLinksOf(tx, id);
      await this.outbox.add(tx, 'document.deleted', id, toEventData(doc));
      return doc;
    });
  }

  private async verifiedBytes(doc: StoredDocument): Promise<Buffer> {
    let bytes: Buffer | null;
    try {
      bytes = await this.storage.get(doc.objectKey);
    } catch (error) {
      if ((error as { code?: string }).code !== 'NoSuchKey') {
        this.logger.error({ err: error, documentId: doc.id }, 'object storage read failed');
        throw new DocumentException(
          DocumentExceptionCode.STORAGE_UNAVAILABLE,
          'Archivio dei documenti non disponibile: riprovare più tardi.',
        );
      }
      bytes = null;
    }
    const actual = bytes ? sha256(bytes) : null;
    if (!bytes || bytes.length !== doc.size || actual !== doc.sha256) {
      // An alert, not a warning: someone or something changed a stored document behind document-store.
      this.logger.error(
        {
          alert: 'document-integrity',
          documentId: doc.id,
          objectKey: doc.objectKey,
          expectedSha256: doc.sha256,
          actualSha256: actual,
          expectedSize: doc.size,
          actualSize: bytes?.length ?? null,
        },
        'stored bytes do not match the document: not served',
      );
      throw new DocumentException(
        DocumentExceptionCode.DOCUMENT_INTEGRITY_FAILED,
        'Il documento non può essere scaricato: il contenuto archiviato non corrisponde a quello caricato. ' +
          'Il problema è stato segnalato.',
      );
    }
    return bytes;
  }

  /** Removes the object of an upload that will not be recorded, then its claim (the sweeper retries on failure). */
  private async abandon(objectKey: string): Promise<void> {
    await this.storage.removeQuietly(objectKey);
    try {
      await this.documents.releaseClaim(objectKey);
    } catch (error) {
      this.logger.warn({ err: error, objectKey }, 'could not release the upload claim: the sweeper will');
    }
  }
}

function assertDownloadable(doc: StoredDocument): void {
  if (!isDownloadable(doc.status)) {
    throw new DocumentException(DocumentExceptionCode.DOCUMENT_DELETED, 'Il documento è stato eliminato.');
  }
}

function sha256(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Citizens are keyed by their codice fiscale in upper case; other ids are kept as given. */
function normalizeEntityId(entityType: DocumentEntityType, entityId: string): string {
  if (entityType !== 'citizen') return entityId;
  const cf = normalizeCodiceFiscale(entityId);
  if (!isValidCodiceFiscalePersona(cf)) throw validationFailed({ entityId: 'Codice fiscale del cittadino non valido' });
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
