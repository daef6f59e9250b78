import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One state change: who (actor), acting for whom, when, what (action on a subject, with the change's data).
 * Written by `AuditTrail.record` in the transaction of the change itself, so a change without its entry (or the
 * reverse) cannot be committed. Rows are never updated or deleted by the application.
 */
@Entity('audit_entry')
@Index('audit_entry_subject', ['subjectType', 'subjectId', 'occurredAt'])
@Index('audit_entry_acting_for', ['actingFor', 'occurredAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** What happened, `<aggregate>.<verb>` as the events name it: `organization.registered`, `delega.accepted`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: string;

  /** Codice fiscale of a citizen or operator, the name of a service, `system`. */
  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  /** Organisation the actor was acting for (Selezione tipologia di utente), `null` for the personal profile. */
  @Column({ name: 'acting_for', type: 'text', nullable: true })
  actingFor!: string | null;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId!: string;

  /** What changed (new values, a reason, a search's terms): never secrets or documents' bytes. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId!: string | null;
}
