import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of registry's organisations (registry.organization.v1): the names deleghe and grants are shown with. */
@Entity('organization_ref')
export class OrganizationRef {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'codice_fiscale', type: 'text', nullable: true })
  codiceFiscale!: string | null;

  @Column({ type: 'text' })
  denominazione!: string;

  @Column({ name: 'tipi_soggetto_abilitato', type: 'text', array: true, default: () => "'{}'" })
  tipiSoggettoAbilitato!: string[];

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
