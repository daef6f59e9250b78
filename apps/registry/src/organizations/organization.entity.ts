import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrganizationKind } from '../domain/organization-kind.js';

/**
 * A legal person: azienda italiana, azienda estera, ente operatore, pubblica amministrazione. Uniqueness is the
 * database's (migration): one row per codice fiscale for every Italian kind, per (stato, codice identificativo) for a
 * foreign company, and a person is the Responsabile unico of at most one PA.
 */
@Entity('organization')
export class Organization {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: OrganizationKind;

  @Column({ name: 'codice_fiscale', type: 'varchar', length: 16, nullable: true })
  codiceFiscale!: string | null;

  @Column({ name: 'partita_iva', type: 'varchar', length: 11, nullable: true })
  partitaIva!: string | null;

  /** Foreign company: its code in its state (upper case, trimmed). */
  @Column({ name: 'codice_identificativo', type: 'text', nullable: true })
  codiceIdentificativo!: string | null;

  /** Foreign company: Belfiore code of its state (Z...). */
  @Column({ name: 'stato_estero', type: 'char', length: 4, nullable: true })
  statoEstero!: string | null;

  @Column({ name: 'ragione_sociale', type: 'text' })
  ragioneSociale!: string;

  /** Upper case without diacritics: what the search indexes (btree prefix + trigram). */
  @Column({ name: 'ragione_sociale_norm', type: 'text' })
  ragioneSocialeNorm!: string;

  @Column({ name: 'forma_giuridica', type: 'text', nullable: true })
  formaGiuridica!: string | null;

  /** Ente operatore: regione, provincia, agenzia-per-il-lavoro, patronato, ente-di-formazione, altro. */
  @Column({ name: 'tipo_ente', type: 'text', nullable: true })
  tipoEnte!: string | null;

  /** ATECO section letter. */
  @Column({ name: 'settore_economico', type: 'char', length: 1, nullable: true })
  settoreEconomico!: string | null;

  @Column({ name: 'tipo_azienda', type: 'text', nullable: true })
  tipoAzienda!: string | null;

  /** Italian sede legale: Belfiore code of the comune, and its provincia. */
  @Column({ name: 'sede_comune', type: 'char', length: 4, nullable: true })
  sedeComune!: string | null;

  @Column({ name: 'sede_provincia', type: 'char', length: 2, nullable: true })
  sedeProvincia!: string | null;

  /** Foreign sede legale: the city. */
  @Column({ name: 'sede_citta', type: 'text', nullable: true })
  sedeCitta!: string | null;

  @Column({ name: 'sede_cap', type: 'varchar', length: 12, nullable: true })
  sedeCap!: string | null;

  @Column({ name: 'sede_indirizzo', type: 'text' })
  sedeIndirizzo!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  pec!: string | null;

  @Column({ type: 'text', nullable: true })
  telefono!: string | null;

  @Column({ type: 'text', nullable: true })
  fax!: string | null;

  @Column({ name: 'provincia_riferimento', type: 'char', length: 2, nullable: true })
  provinciaRiferimento!: string | null;

  /** PA: its code in the IPA index. */
  @Column({ name: 'codice_ipa', type: 'text', nullable: true })
  codiceIpa!: string | null;

  /** PA: the Responsabile unico once an operator verified them (later issue); unique across PAs. */
  @Column({ name: 'responsabile_unico_cf', type: 'varchar', length: 16, nullable: true })
  responsabileUnicoCf!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
