import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StepAction, VerificationState } from './domain/verification-request.machine.js';

/** One step of a request's history (the timeline): who, when, from which state to which, with the note. */
@Entity('verification_step')
@Index('verification_step_request', ['requestId', 'occurredAt'])
export class VerificationStep {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ type: 'text' })
  action!: StepAction;

  @Column({ name: 'from_state', type: 'text' })
  fromState!: VerificationState;

  @Column({ name: 'to_state', type: 'text' })
  toState!: VerificationState;

  /** Codice fiscale of the applicant or the operator; null for the system (PEC link, expiry). */
  @Column({ name: 'actor_cf', type: 'varchar', length: 16, nullable: true })
  actorCf!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
