import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOCUMENT_ENTITY_TYPES, type DocumentEntityType } from '../domain/document-entity.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../domain/document-kind.js';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../domain/document-status.js';
import type { StoredDocument } from '../stored-document.entity.js';

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind!: DocumentKind;

  @ApiProperty({ enum: DOCUMENT_ENTITY_TYPES })
  entityType!: DocumentEntityType;

  @ApiProperty()
  entityId!: string;

  @ApiProperty({ nullable: true, type: String })
  ownerId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  territory!: string | null;

  @ApiProperty({ example: 'dichiarazione.pdf.p7m' })
  fileName!: string;

  @ApiProperty({ description: 'byte' })
  size!: number;

  @ApiProperty({ example: 'application/pdf', description: 'rilevato dal contenuto del file' })
  contentType!: string;

  @ApiProperty({ description: 'SHA-256 esadecimale' })
  sha256!: string;

  @ApiProperty()
  uploadedBy!: string;

  @ApiProperty({ format: 'date-time' })
  uploadedAt!: string;

  @ApiProperty({ enum: DOCUMENT_STATUSES })
  status!: DocumentStatus;

  @ApiProperty()
  version!: number;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  supersedesId!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  deletedAt!: string | null;

  static of(doc: StoredDocument): DocumentResponse {
    return {
      id: doc.id,
      kind: doc.kind,
      entityType: doc.entityType,
      entityId: doc.entityId,
      ownerId: doc.ownerId,
      territory: doc.territory,
      fileName: doc.fileName,
      size: doc.size,
      contentType: doc.contentType,
      sha256: doc.sha256,
      uploadedBy: doc.uploadedBy,
      uploadedAt: doc.uploadedAt.toISOString(),
      status: doc.status,
      version: doc.version,
      supersedesId: doc.supersedesId,
      deletedAt: doc.deletedAt?.toISOString() ?? null,
    };
  }
}

export class DocumentListResponse {
  @ApiProperty({ type: [DocumentResponse] })
  items!: DocumentResponse[];
}

export class DownloadLinkResponse {
  @ApiProperty({
    description: 'Percorso del download sull’origine del chiamante, valido fino a expiresAt (al massimo 60 s)',
    example: '/api/document-store/documents/download/2sV0Xc4d9kq1yH7aPz3n5bW8tR6uE0fL1mJ4oQ2iS7g',
  })
  url!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}
