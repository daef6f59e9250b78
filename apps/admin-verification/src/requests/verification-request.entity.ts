import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VerificationKind, VerificationState } from './domain/verification-request.machine.js';

/** What the applicant declared, by kind (the form's fields beyond the person and the organisation). */
export interface RequestDetails {
  /** responsabile-unico: where the PA comes from when it is not in the registry yet. */
  paSource?: 'registry' | 'ipa' | 'operator' | null;
  /** responsabile-unico: the PA's data from IPA, when found there. */
  ipa?: { denominazione: string; codiceIpa: string; comune: string; provincia: string; indirizzo: string } | null;
  /** raa: residence (the territory). */
  comuneResidenza?: string;
  provinciaResidenza?: string;
  indirizzoResidenza?: string;
}

/** A request an operator must check before it takes effect. */
@Entity('verification_request')
export class VerificationRequest {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: VerificationKind;

  @Column({ type: 'text' })
  state!: VerificationState;

  @Column({ name: 'applicant_cf', type: 'varchar', length: 16 })
  applicantCf!: string;

  /** The person the request enables (Amministratore, Responsabile unico, RAA user). */
  @Column({ name: 'person_cf', type: 'varchar', length: 16 })
  personCf!: string;

  @Column({ name: 'person_nome', type: 'text' })
  personNome!: string;

  @Column({ name: 'person_cognome', type: 'text' })
  personCognome!: string;

  @Column({ name: 'person_data_nascita', type: 'date', nullable: true })
  personDataNascita!: string | null;

  @Column({ name: 'person_luogo_nascita', type: 'char', length: 4, nullable: true })
  personLuogoNascita!: string | null;

  @Column({ name: 'person_email', type: 'text' })
  personEmail!: string;

  @Column({ name: 'person_pec', type: 'text', nullable: true })
  personPec!: string | null;

  @Column({ type: 'text', nullable: true })
  professione!: string | null;

  /** The company / PA in the registry (null while a PA is not there yet; always null for RAA). */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ name: 'organization_cf', type: 'varchar', length: 16, nullable: true })
  organizationCf!: string | null;

  @Column({ name: 'organization_name', type: 'text', nullable: true })
  organizationName!: string | null;

  /** Whose operators see it: Belfiore code of the comune, sigla of the provincia (null: the super-operators'). */
  @Column({ name: 'territory_comune', type: 'char', length: 4, nullable: true })
  territoryComune!: string | null;

  @Column({ name: 'territory_provincia', type: 'char', length: 2, nullable: true })
  territoryProvincia!: string | null;

  @Column({ type: 'jsonb' })
  details!: RequestDetails;

  @Column({ name: 'taken_by', type: 'varchar', length: 16, nullable: true })
  takenBy!: string | null;

  /** Last day to resubmit (integration) or to confirm the PEC. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  /** The last decision's reason (respinto) or what is missing (da integrare). */
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  /** SHA-256 of the PEC confirmation token (the token itself is only in the mail). */
  @Column({ name: 'pec_token_hash', type: 'varchar', length: 64, nullable: true })
  pecTokenHash!: string | null;

  @Column({ name: 'pec_confirmed_at', type: 'timestamptz', nullable: true })
  pecConfirmedAt!: Date | null;

  /** When it last entered the operators' queue (the SLA clock). */
  @Column({ name: 'waiting_since', type: 'timestamptz', nullable: true })
  waitingSince!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
