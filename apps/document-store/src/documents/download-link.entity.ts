import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A short-lived download link: only the SHA-256 of its random token is kept. The document's status is checked again
 * at each use, and deleting the document deletes its links.
 */
@Entity('download_link')
export class DownloadLink {
  @PrimaryColumn({ name: 'token_sha256', type: 'char', length: 64 })
  tokenSha256!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  /** Who asked for it (codice fiscale, operator id, service name). */
  @Column({ name: 'issued_to', type: 'text' })
  issuedTo!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
