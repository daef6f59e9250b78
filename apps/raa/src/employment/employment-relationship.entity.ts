import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The read model of employment relationships per worker, kept from COB's `employment.communicated` events. */
@Entity('employment_relationship')
export class EmploymentRelationship {
  @PrimaryColumn({ name: 'relationship_id', type: 'text' })
  relationshipId!: string;

  @Column({ name: 'worker_cf', type: 'varchar', length: 16 })
  workerCf!: string;

  @Column({ name: 'employer_cf', type: 'varchar', length: 16 })
  employerCf!: string;

  @Column({ name: 'employer_name', type: 'text' })
  employerName!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ name: 'contract_type', type: 'text' })
  contractType!: string;

  @Column({ name: 'last_communication_id', type: 'text' })
  lastCommunicationId!: string;

  @Column({ name: 'last_communication_kind', type: 'text' })
  lastCommunicationKind!: string;

  /** cob (the events) or sample (the embedded mode's data set). */
  @Column({ type: 'text' })
  source!: 'cob' | 'sample';

  /** When the communication that produced this row happened (a replayed older one never overwrites it). */
  @Column({ name: 'communicated_at', type: 'timestamptz' })
  communicatedAt!: Date;
}
