import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The claim on an object key, committed before the bytes are written (write-then-claim): an upload that dies between
 * the write and the document's commit leaves this row, and the sweeper removes its object. The claim is deleted in
 * the transaction that records the document.
 */
@Entity('pending_upload')
export class PendingUpload {
  @PrimaryColumn({ name: 'object_key', type: 'text' })
  objectKey!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;
}
