import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An attachment of a request: a document held by document-store (kind raa-attachment), named by its id. */
@Entity('raa_attachment')
export class RaaAttachment {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  /** The file name (Nome). */
  @Column({ type: 'text' })
  nome!: string;

  @Column({ type: 'text', nullable: true })
  descrizione!: string | null;

  @Column({ type: 'int' })
  size!: number;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
