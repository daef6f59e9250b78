import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A row a legacy import run rejected, written in its batch's transaction: `--resume` reports the rejects of the
 * committed batches from here instead of reading and deciding those rows again.
 */
@Entity('legacy_import_reject')
export class LegacyImportReject {
  @PrimaryColumn({ name: 'run_no', type: 'int' })
  runNo!: number;

  @PrimaryColumn({ name: 'batch_no', type: 'int' })
  batchNo!: number;

  @PrimaryColumn({ type: 'int' })
  line!: number;

  @Column({ name: 'source_file', type: 'text' })
  sourceFile!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  field!: string;
}
