import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A declaration PDF issued to a citizen for an organisation (Passo 1): the signed copy must come back with its code. */
@Entity('association_request')
export class AssociationRequest {
  @PrimaryColumn({ name: 'request_code', type: 'text' })
  requestCode!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'citizen_cf', type: 'varchar', length: 16 })
  citizenCf!: string;

  @Column({ name: 'tipo_soggetto_abilitato', type: 'text', nullable: true })
  tipoSoggettoAbilitato!: string | null;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;
}
