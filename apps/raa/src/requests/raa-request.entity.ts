import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RaaState } from './domain/raa-request.machine.js';

/** A richiesta di accesso agli atti. */
@Entity('raa_request')
export class RaaRequest {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  state!: RaaState;

  @Column({ name: 'requester_cf', type: 'varchar', length: 16 })
  requesterCf!: string;

  @Column({ name: 'requester_nome', type: 'text' })
  requesterNome!: string;

  @Column({ name: 'requester_cognome', type: 'text' })
  requesterCognome!: string;

  /** Sigla of the Provincia the request is addressed to: its officers see and answer it. */
  @Column({ type: 'char', length: 2 })
  provincia!: string;

  @Column({ name: 'ragione_sociale_richiedente', type: 'text', nullable: true })
  ragioneSocialeRichiedente!: string | null;

  @Column({ name: 'tipologia_richiesta', type: 'text', nullable: true })
  tipologiaRichiesta!: string | null;

  @Column({ name: 'ragione_sociale_mandante', type: 'text', nullable: true })
  ragioneSocialeMandante!: string | null;

  @Column({ name: 'codice_fiscale_mandante', type: 'varchar', length: 16, nullable: true })
  codiceFiscaleMandante!: string | null;

  @Column({ type: 'text' })
  motivazione!: string;

  /** Data richiesta (YYYY-MM-DD, Europe/Rome): the day the draft was created. */
  @Column({ name: 'data_richiesta', type: 'date' })
  dataRichiesta!: string;

  @Column({ name: 'protocol_year', type: 'int', nullable: true })
  protocolYear!: number | null;

  @Column({ name: 'protocol_number', type: 'int', nullable: true })
  protocolNumber!: number | null;

  /** Data protocollo (YYYY-MM-DD, Europe/Rome). */
  @Column({ name: 'data_protocollo', type: 'date', nullable: true })
  dataProtocollo!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** The officer who answered or refused it. */
  @Column({ name: 'handled_by', type: 'varchar', length: 16, nullable: true })
  handledBy!: string | null;

  @Column({ name: 'handled_at', type: 'timestamptz', nullable: true })
  handledAt!: Date | null;

  /** EVASA: the search date the situations refer to. */
  @Column({ name: 'data_ricerca', type: 'date', nullable: true })
  dataRicerca!: string | null;

  /** EVASA: "Risposta provincia", the officer's note. */
  @Column({ name: 'risposta_provincia', type: 'text', nullable: true })
  rispostaProvincia!: string | null;

  /** RESPINTA: the reason. */
  @Column({ name: 'motivo_rifiuto', type: 'text', nullable: true })
  motivoRifiuto!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
