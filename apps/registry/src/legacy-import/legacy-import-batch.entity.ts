import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One committed batch of a legacy import run: written in the batch's own transaction, it is the checkpoint. */
@Entity('legacy_import_batch')
export class LegacyImportBatch {
  @PrimaryColumn({ name: 'run_id', type: 'text' })
  runId!: string;

  @PrimaryColumn({ name: 'batch_no', type: 'int' })
  batchNo!: number;

  @Column({ name: 'source_file', type: 'text' })
  sourceFile!: string;

  @Column({ name: 'last_line', type: 'int' })
  lastLine!: number;

  @Column({ type: 'int' })
  rows!: number;

  @Column({ type: 'jsonb' })
  counts!: Record<string, number>;

  @Column({ name: 'committed_at', type: 'timestamptz' })
  committedAt!: Date;
}
