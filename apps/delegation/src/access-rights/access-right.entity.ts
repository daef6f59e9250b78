import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Read model of everything that lets a citizen act for an organisation (admin role, organigram roles, accepted
 * deleghe), each with its validity window. Filled by the delegation issue; empty until then.
 */
@Entity('access_right')
export class AccessRight {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId!: string;

  @Column({ name: 'ragione_sociale', type: 'text' })
  ragioneSociale!: string;

  @Column({ name: 'codice_fiscale_org', type: 'text' })
  codiceFiscaleOrg!: string;

  @Column({ name: 'citizen_cf', type: 'varchar', length: 16 })
  citizenCf!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: string[];

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo!: Date | null;

  /** admin, organigram, delega */
  @Column({ type: 'text' })
  source!: string;
}
