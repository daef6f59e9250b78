import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type CitizenSource = 'spid' | 'cie' | 'cps' | 'migration' | 'dev';

/** A citizen account, keyed by codice fiscale; created at the first login. */
@Entity('citizen')
export class Citizen {
  @PrimaryColumn({ name: 'codice_fiscale', type: 'varchar', length: 16 })
  codiceFiscale!: string;

  @Column({ type: 'text' })
  nome!: string;

  @Column({ type: 'text' })
  cognome!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  // From the identity provider (read-only for the citizen). Dates are YYYY-MM-DD.
  @Column({ name: 'sesso', type: 'text', nullable: true })
  sesso!: string | null;

  @Column({ name: 'data_nascita', type: 'date', nullable: true })
  dataNascita!: string | null;

  @Column({ name: 'luogo_nascita', type: 'text', nullable: true })
  luogoNascita!: string | null;

  @Column({ name: 'provincia_nascita', type: 'text', nullable: true })
  provinciaNascita!: string | null;

  @Column({ name: 'documento_tipo', type: 'text', nullable: true })
  documentoTipo!: string | null;

  @Column({ name: 'documento_numero', type: 'text', nullable: true })
  documentoNumero!: string | null;

  @Column({ name: 'documento_rilasciato_da', type: 'text', nullable: true })
  documentoRilasciatoDa!: string | null;

  @Column({ name: 'documento_data_rilascio', type: 'date', nullable: true })
  documentoDataRilascio!: string | null;

  @Column({ name: 'documento_data_scadenza', type: 'date', nullable: true })
  documentoDataScadenza!: string | null;

  @Column({ name: 'domicilio_indirizzo', type: 'text', nullable: true })
  domicilioIndirizzo!: string | null;

  @Column({ name: 'domicilio_comune', type: 'text', nullable: true })
  domicilioComune!: string | null;

  @Column({ name: 'domicilio_provincia', type: 'text', nullable: true })
  domicilioProvincia!: string | null;

  @Column({ name: 'domicilio_cap', type: 'text', nullable: true })
  domicilioCap!: string | null;

  @Column({ name: 'cellulare', type: 'text', nullable: true })
  cellulare!: string | null;

  @Column({ name: 'spid_code', type: 'text', nullable: true })
  spidCode!: string | null;

  // Edited by the citizen (Altri dati, Recapiti).
  @Column({ name: 'cittadinanza', type: 'text', nullable: true })
  cittadinanza!: string | null;

  @Column({ name: 'pec', type: 'text', nullable: true })
  pec!: string | null;

  @Column({ name: 'telefono', type: 'text', nullable: true })
  telefono!: string | null;

  @Column({ name: 'fax', type: 'text', nullable: true })
  fax!: string | null;

  @Column({ name: 'titolo_studio', type: 'text', nullable: true })
  titoloStudio!: string | null;

  @Column({ type: 'text' })
  source!: CitizenSource;

  @Column({ name: 'first_login_at', type: 'timestamptz', nullable: true })
  firstLoginAt!: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
