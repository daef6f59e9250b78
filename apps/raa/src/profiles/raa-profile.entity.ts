import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A lawyer / authorised body whose RAA registration an operator approved in admin-verification: the local copy, kept
 * from `verification-request.approved` events (kind raa), of who may file requests, with the name and the e-mail
 * declared in DATI PERSONA ("la mail ... su cui riceverete ... le mail di avviso").
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

  @Column({ type: 'text', nullable: true })
  professione!: string | null;

  /** Provincia of residence declared in the registration: the default Provincia of a new request. */
  @Column({ type: 'char', length: 2, nullable: true })
  provincia!: string | null;

  /** The admin-verification request that enabled it. */
  @Column({ name: 'verification_request_id', type: 'uuid' })
  verificationRequestId!: string;

  @Column({ name: 'enabled_at', type: 'timestamptz' })
  enabledAt!: Date;
}
