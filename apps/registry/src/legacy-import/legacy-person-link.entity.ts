import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A legacy person's link to an organisation (referente of a company, personale of a Region on a sede). Not a
 * membership: no role, no access right, until the organisation's amministratore adds them to the organigram.
 */
@Entity('legacy_person_link')
@Index('legacy_person_link_person', ['codiceFiscale'])
@Index('legacy_person_link_organization', ['organizationId'])
export class LegacyPersonLink {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'codice_fiscale', type: 'varchar', length: 16 })
  codiceFiscale!: string;

  @Column({ type: 'text' })
  ruolo!: 'referente' | 'personale';

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}
