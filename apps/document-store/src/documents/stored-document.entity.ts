import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentEntityType } from './domain/document-entity.js';
import type { DocumentKind } from '../domain/document-kind.js';
import type { DocumentStatus } from './domain/document-status.js';

/**
 * Metadata of one stored file (table `document`; the class is not called `Document` to keep clear of the DOM type).
 * The bytes live in the object storage under {@link objectKey}, written once: a replacement is a new row and a new
 * object, and deletion only changes the status.
 */
@Entity('document')
export class StoredDocument {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  kind!: DocumentKind;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: DocumentEntityType;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  /** Codice fiscale of the citizen or organisation owning the document, when known. */
  @Column({ name: 'owner_id', type: 'text', nullable: true })
  ownerId!: string | null;

  /** Province or CPI code: operators of that territory may see the document. */
  @Column({ type: 'text', nullable: true })
  territory!: string | null;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'integer' })
  size!: number;

  /** Detected from the bytes. */
  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'object_key', type: 'text' })
  objectKey!: string;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_by_kind', type: 'text' })
  uploadedByKind!: string;

  /** Organisation the uploader was acting for. */
  @Column({ name: 'uploaded_acting_for', type: 'text', nullable: true })
  uploadedActingFor!: string | null;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;

  @Column({ type: 'text' })
  status!: DocumentStatus;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId!: string | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ name: 'deleted_by', type: 'text', nullable: true })
  deletedBy!: string | null;
}
