import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of identity.citizen.v1: a citizen's name and e-mail address (null when the IdP gave none). */
@Entity('citizen_contact')
export class CitizenContact {
  @PrimaryColumn({ name: 'codice_fiscale', type: 'varchar', length: 16 })
  codiceFiscale!: string;

  @Column({ type: 'text' })
  nome!: string;

  @Column({ type: 'text' })
  cognome!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
