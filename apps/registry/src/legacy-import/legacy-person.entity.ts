import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person a legacy system named (referent, Region staff): who they were said to be. Grants nothing. */
@Entity('legacy_person')
export class LegacyPerson {
  @PrimaryColumn({ name: 'codice_fiscale', type: 'varchar', length: 16 })
  codiceFiscale!: string;

  @Column({ type: 'text' })
  nome!: string;

  @Column({ type: 'text' })
  cognome!: string;

  @Column({ name: 'data_nascita', type: 'date', nullable: true })
  dataNascita!: string | null;

  @Column({ name: 'luogo_nascita', type: 'char', length: 4, nullable: true })
  luogoNascita!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
