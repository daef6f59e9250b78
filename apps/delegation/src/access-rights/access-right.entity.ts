import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AccessRightSource = 'amministratore' | 'collaboratore' | 'delega';

/**
 * Read model of everything that lets a citizen act for an organisation: one row per grant (the amministratore's and
 * the collaborators' memberships from registry.membership.v1, accepted deleghe), with its permissions, scope and
 * validity window. Revoked and expired grants stay, marked, for the history.
 */
@Entity('access_right')
export class AccessRight {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId!: string;

  /** As known when the grant was written; reads prefer the organization_ref read model. */
  @Column({ name: 'ragione_sociale', type: 'text' })
  ragioneSociale!: string;

  @Column({ name: 'codice_fiscale_org', type: 'text' })
  codiceFiscaleOrg!: string;

  @Column({ name: 'citizen_cf', type: 'varchar', length: 16 })
  citizenCf!: string;

  /** Permissions per service (COB, SARE, IDO, RAA, ANAGRAFICA). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: string[];

  @Column({ name: 'valid_from', type: 'timestamptz', default: () => 'now()' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo!: Date | null;

  @Column({ type: 'text' })
  source!: AccessRightSource;

  /** The membership's or the delega's id. */
  @Column({ name: 'source_id', type: 'text', nullable: true })
  sourceId!: string | null;

  @Column({ type: 'text', default: 'organization' })
  scope!: 'organization' | 'units';

  @Column({ name: 'unit_ids', type: 'text', array: true, default: () => "'{}'" })
  unitIds!: string[];

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true })
  expiredAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
