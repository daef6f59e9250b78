import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DelegationStatus } from './domain/delegation.machine.js';

/** A delega: from a citizen who holds the organisation to another citizen, with the terms in force. */
@Entity('delegation')
export class Delegation {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'delegator_cf', type: 'varchar', length: 16 })
  delegatorCf!: string;

  @Column({ name: 'delegate_cf', type: 'varchar', length: 16 })
  delegateCf!: string;

  @Column({ name: 'tipo_soggetto_abilitato', type: 'text', nullable: true })
  tipoSoggettoAbilitato!: string | null;

  @Column({ type: 'text' })
  status!: DelegationStatus;

  /** YYYY-MM-DD, Europe/Rome. */
  @Column({ name: 'data_inizio', type: 'date' })
  dataInizio!: string;

  @Column({ name: 'data_scadenza', type: 'date' })
  dataScadenza!: string;

  /** 00:00 Rome of data_inizio. */
  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  /** 00:00 Rome of the day after data_scadenza. */
  @Column({ name: 'valid_to', type: 'timestamptz' })
  validTo!: Date;

  /** A Modifica awaiting the delegate. */
  @Column({ name: 'pending_request_id', type: 'bigint', nullable: true })
  pendingRequestId!: string | null;

  @Column({ name: 'pending_data_inizio', type: 'date', nullable: true })
  pendingDataInizio!: string | null;

  @Column({ name: 'pending_data_scadenza', type: 'date', nullable: true })
  pendingDataScadenza!: string | null;

  @Column({ name: 'expiring_notice_sent', type: 'boolean', default: false })
  expiringNoticeSent!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
