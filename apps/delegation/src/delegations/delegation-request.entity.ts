import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DelegationRequestKind } from './domain/delegation.machine.js';

export enum RequestOutcome {
  ATTESA_APPROVAZIONE = 'ATTESA_APPROVAZIONE',
  COMPLETATA = 'COMPLETATA',
  RIFIUTATA = 'RIFIUTATA',
  /** A Modifica that fell with the Revoca of its delega. */
  ANNULLATA = 'ANNULLATA',
  /** An Inserimento never answered before its end. */
  SCADUTA = 'SCADUTA',
}

/**
 * One request on a delega (Inserimento, Modifica, Revoca): the immutable history "Tracciamento deleghe inviate" shows.
 * Written once, answered once (a trigger refuses any other change and every delete).
 */
@Entity('delegation_request')
export class DelegationRequest {
  /** "Id richiesta". */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'delegation_id', type: 'uuid' })
  delegationId!: string;

  @Column({ type: 'text' })
  kind!: DelegationRequestKind;

  @Column({ name: 'data_inizio', type: 'date', nullable: true })
  dataInizio!: string | null;

  @Column({ name: 'data_scadenza', type: 'date', nullable: true })
  dataScadenza!: string | null;

  @Column({ name: 'requested_by', type: 'varchar', length: 16 })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ type: 'text' })
  outcome!: RequestOutcome;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
