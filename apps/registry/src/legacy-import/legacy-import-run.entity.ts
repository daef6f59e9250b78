import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One run of the legacy import; unfinished runs are what `--resume` continues. */
@Entity('legacy_import_run')
@Index('legacy_import_run_source', ['sourceHash', 'startedAt'])
export class LegacyImportRun {
  @PrimaryColumn({ name: 'run_id', type: 'text' })
  runId!: string;

  /** SHA-256 of the source files (names and bytes): a run resumes only on the same files. */
  /** The run's number (sequence `legacy_import_run_no`): the scope of its first occurrences and rejects. */
  @Column({ name: 'run_no', type: 'int' })
  runNo!: number;

  @Column({ name: 'source_hash', type: 'text' })
  sourceHash!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
