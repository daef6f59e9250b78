import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One attempt to claim a legacy account: the attempt limits per citizen and per username count these. */
@Entity('legacy_claim_attempt')
@Index('legacy_claim_attempt_citizen', ['citizenCf', 'attemptedAt'])
@Index('legacy_claim_attempt_username', ['usernameNorm', 'attemptedAt'])
export class LegacyClaimAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'citizen_cf', type: 'varchar', length: 16 })
  citizenCf!: string;

  @Column({ name: 'username_norm', type: 'text' })
  usernameNorm!: string;

  @Column({ type: 'boolean' })
  succeeded!: boolean;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;
}
