import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every read of a worker's employment situation: who, for which request, when and why. Never deleted. */
@Entity('employment_lookup')
export class EmploymentLookup {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'worker_cf', type: 'varchar', length: 16 })
  workerCf!: string;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId!: string | null;

  /** Why: "verifica presenza del lavoratore", "evasione della richiesta". */
  @Column({ type: 'text' })
  reason!: string;

  /** The search date asked for (YYYY-MM-DD). */
  @Column({ name: 'search_date', type: 'date' })
  searchDate!: string;

  /** How many relationships the read returned. */
  @Column({ name: 'found', type: 'int' })
  found!: number;

  @Column({ name: 'looked_at', type: 'timestamptz' })
  lookedAt!: Date;
}
