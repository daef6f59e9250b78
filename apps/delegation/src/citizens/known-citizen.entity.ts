import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Read model of the citizens who have logged in at least once (fed by identity.citizen.v1):
 * a citizen who never logged in cannot receive a delega.
 */
@Entity('known_citizen')
export class KnownCitizen {
  @PrimaryColumn({ name: 'codice_fiscale', type: 'varchar', length: 16 })
  codiceFiscale!: string;

  @Column({ type: 'text' })
  nome!: string;

  @Column({ type: 'text' })
  cognome!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
