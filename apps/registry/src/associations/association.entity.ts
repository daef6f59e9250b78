import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A citizen's association to an organisation, accepted on a signed declaration: the document id in document-store
 * and the inspection verdict. At most one active association per organisation (partial unique index).
 */
@Entity('association')
export class Association {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'citizen_cf', type: 'varchar', length: 16 })
  citizenCf!: string;

  @Column({ name: 'tipo_soggetto_abilitato', type: 'text', nullable: true })
  tipoSoggettoAbilitato!: string | null;

  @Column({ name: 'request_code', type: 'text' })
  requestCode!: string;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId!: string | null;

  /** document-store's verdict, check by check (acceptable, signers, content match, problems). */
  @Column({ type: 'jsonb' })
  verdict!: Record<string, unknown>;

  @Column({ type: 'text' })
  status!: 'active' | 'revoked';

  @Column({ name: 'associated_at', type: 'timestamptz' })
  associatedAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy!: string | null;
}
