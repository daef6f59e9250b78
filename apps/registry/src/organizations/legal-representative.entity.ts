import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The rappresentante legale of an organisation, checked against what their codice fiscale encodes. */
@Entity('legal_representative')
export class LegalRepresentative {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'codice_fiscale', type: 'varchar', length: 16 })
  codiceFiscale!: string;

  @Column({ type: 'text' })
  nome!: string;

  @Column({ type: 'text' })
  cognome!: string;

  @Column({ name: 'data_nascita', type: 'date' })
  dataNascita!: string;

  /** Belfiore code of the comune of birth, or of the foreign state (Z...). */
  @Column({ name: 'luogo_nascita', type: 'char', length: 4 })
  luogoNascita!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
