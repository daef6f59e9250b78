import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One audited action: who did what, acting for whom, on what, when (DESIGN.md §4). Written, never updated. */
@Entity('audit_entry')
@Index('audit_entry_actor_action_at', ['actorId', 'action', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** `<feature>.<verb>`, e.g. `known-citizens.search`. */
  @Column({ type: 'text' })
  action!: string;

  /** citizen, operator, service or system. */
  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: string;

  /** Codice fiscale of a citizen, operator id, service name. */
  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  /** Organisation the actor was acting for, if any. */
  @Column({ name: 'acting_for', type: 'text', nullable: true })
  actingFor!: string | null;

  /** What the action was about (an id, a codice fiscale), if one thing. */
  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  /** The action's details: what was asked, what changed. Never secrets. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId!: string | null;
}
