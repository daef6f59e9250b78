import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An unità operativa (sede, CPI): for Regions, Province and PAs also the comuni and province it serves. */
@Entity('operating_unit')
@Index('operating_unit_organization', ['organizationId'])
export class OperatingUnit {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  descrizione!: string;

  /** Belfiore code of the comune. */
  @Column({ type: 'char', length: 4 })
  comune!: string;

  @Column({ type: 'varchar', length: 5, nullable: true })
  cap!: string | null;

  @Column({ type: 'text' })
  indirizzo!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ name: 'comuni_serviti', type: 'text', array: true })
  comuniServiti!: string[];

  @Column({ name: 'province_servite', type: 'text', array: true })
  provinceServite!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
