import { Column, Entity, PrimaryColumn } from 'typeorm';

export type LegacyAccountKind = 'azienda' | 'operatore' | 'raa';
export type LegacyPasswordScheme = 'bcrypt' | 'sha1-salted' | 'md5';

/**
 * A login of a legacy portal, imported with its password hash (ADR 0014). Nobody logs in with it: a citizen logged
 * in with SPID may claim it once ("Accedi all'utenza aziendale"), which pre-fills the Amministratore nomination.
 */
@Entity('legacy_account')
export class LegacyAccount {
  @PrimaryColumn({ type: 'text' })
  username!: string;

  /** Lower case, for look-ups: legacy usernames were case-insensitive. */
  @Column({ name: 'username_norm', type: 'text', unique: true })
  usernameNorm!: string;

  @Column({ type: 'text' })
  kind!: LegacyAccountKind;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  /** The unità operativa the login became. */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'password_scheme', type: 'text' })
  passwordScheme!: LegacyPasswordScheme;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** The referent (azienda), the staff member (operatore) or the RAA user. */
  @Column({ name: 'codice_fiscale_persona', type: 'varchar', length: 16, nullable: true })
  codiceFiscalePersona!: string | null;

  /** An RAA user's PEC, as the legacy registration declared it (null for other logins). */
  @Column({ type: 'text', nullable: true })
  pec!: string | null;

  /** An RAA user's Professione/Ruolo (null for other logins). */
  @Column({ type: 'text', nullable: true })
  professione!: string | null;

  @Column({ name: 'claimed_by', type: 'varchar', length: 16, nullable: true })
  claimedBy!: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
