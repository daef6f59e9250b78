import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A lawyer or authorised body whose RAA profile an operator verified ("REGISTRAZIONE AVVOCATI ED ENTI AUTORIZZATI
 * PER ACCESSO AGLI ATTI"): the RAA role of a person, not of an organisation. One row per person; revoked rows stay.
 */
@Entity('raa_profile')
export class RaaProfile {
  @PrimaryColumn({ name: 'codice_fiscale', type: 'varchar', length: 16 })
  codiceFiscale!: string;

  @Column({ type: 'text' })
  nome!: string;

  @Column({ type: 'text' })
  cognome!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  pec!: string;

  @Column({ type: 'text' })
  professione!: string;

  /** The admin-verification request that enabled it. */
  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ name: 'enabled_at', type: 'timestamptz' })
  enabledAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
