import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first occurrence of a key in a legacy import run (ADR 0014): a username, an organisation's or a person's CF, a
 * sede. Later rows of the run are compared with it (same username: duplicate; same CF with other data: conflict).
 * Written in the transaction of the batch that accepted the row; deleted when the run finishes.
 */
@Entity('legacy_import_first')
export class LegacyImportFirst {
  @PrimaryColumn({ name: 'run_no', type: 'int' })
  runNo!: number;

  /** 1 username, 2 organisation, 3 person, 4 sede. */
  @PrimaryColumn({ type: 'smallint' })
  kind!: number;

  @PrimaryColumn({ type: 'text', collation: 'C' })
  key!: string;

  /** 32-bit digest of the first row's data (organisation name; person's name and birth date). */
  @Column({ type: 'int', nullable: true })
  digest!: number | null;
}
