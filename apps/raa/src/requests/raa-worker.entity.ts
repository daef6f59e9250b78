import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Situazione } from './domain/raa-request.machine.js';

/** "Codici fiscali lavoratori di cui si richiedono informazioni": one row per worker, with the answer once EVASA. */
@Entity('raa_worker')
export class RaaWorker {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ name: 'codice_fiscale', type: 'varchar', length: 16 })
  codiceFiscale!: string;

  @Column({ type: 'text', nullable: true })
  descrizione!: string | null;

  /** Whether the employment records knew the worker when they were added (else "nessuna informazione presente"). */
  @Column({ type: 'boolean' })
  known!: boolean;

  @Column({ type: 'text', nullable: true })
  situazione!: Situazione | null;

  @Column({ name: 'datore_cf', type: 'varchar', length: 16, nullable: true })
  datoreCf!: string | null;

  @Column({ name: 'datore_ragione_sociale', type: 'text', nullable: true })
  datoreRagioneSociale!: string | null;

  @Column({ name: 'data_inizio', type: 'date', nullable: true })
  dataInizio!: string | null;

  @Column({ name: 'tipologia_contrattuale', type: 'text', nullable: true })
  tipologiaContrattuale!: string | null;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
