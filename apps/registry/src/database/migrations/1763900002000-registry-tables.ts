import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's tables. Uniqueness rules live here, in the database, so that two concurrent requests cannot both
 * win: one organisation per codice fiscale (every Italian kind) or per (stato, codice identificativo) (foreign), one
 * active association and one current amministratore per organisation, one active membership per person and
 * organisation, one PA per Responsabile unico.
 */
export class RegistryTables1763900002000 implements MigrationInterface {
  name = 'RegistryTables1763900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY,
        kind text NOT NULL
          CHECK (kind IN ('azienda-italiana', 'azienda-estera', 'ente-operatore', 'pubblica-amministrazione')),
        codice_fiscale varchar(16),
        partita_iva varchar(11),
        codice_identificativo text,
        stato_estero char(4),
        ragione_sociale text NOT NULL,
        ragione_sociale_norm text NOT NULL,
        forma_giuridica text,
        tipo_ente text,
        settore_economico char(1),
        tipo_azienda text,
        sede_comune char(4),
        sede_provincia char(2),
        sede_citta text,
        sede_cap varchar(12),
        sede_indirizzo text NOT NULL,
        email text,
        pec text,
        telefono text,
        fax text,
        provincia_riferimento char(2),
        codice_ipa text,
        responsabile_unico_cf varchar(16),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT organization_identified CHECK (
          (kind = 'azienda-estera' AND codice_identificativo IS NOT NULL AND stato_estero IS NOT NULL)
          OR (kind <> 'azienda-estera' AND codice_fiscale IS NOT NULL)
        )
      )`);
    await q.query(
      `CREATE UNIQUE INDEX organization_codice_fiscale_unique ON organization (codice_fiscale)
         WHERE kind <> 'azienda-estera'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX organization_foreign_code_unique ON organization (stato_estero, codice_identificativo)
         WHERE kind = 'azienda-estera'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX organization_responsabile_unico_unique ON organization (responsabile_unico_cf)
         WHERE responsabile_unico_cf IS NOT NULL`,
    );
    // Search (ADR 0011 bench): prefix by btree, substring by trigrams, foreign codes by equality.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX organization_name_prefix ON organization (ragione_sociale_norm COLLATE "C", id)`);
    await q.query(`CREATE INDEX organization_name_trgm ON organization USING gin (ragione_sociale_norm gin_trgm_ops)`);
    await q.query(`CREATE INDEX organization_codice_identificativo ON organization (codice_identificativo)`);

    await q.query(`
      CREATE TABLE legal_representative (
        organization_id uuid PRIMARY KEY REFERENCES organization (id) ON DELETE CASCADE,
        codice_fiscale varchar(16) NOT NULL,
        nome text NOT NULL,
        cognome text NOT NULL,
        data_nascita date NOT NULL,
        luogo_nascita char(4) NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE organization_accreditation (
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        tipo text NOT NULL,
        source text NOT NULL CHECK (source IN ('dichiarato', 'legacy')),
        PRIMARY KEY (organization_id, tipo)
      )`);

    await q.query(`
      CREATE TABLE operating_unit (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        descrizione text NOT NULL,
        comune char(4) NOT NULL,
        cap varchar(5),
        indirizzo text NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        comuni_serviti text[] NOT NULL,
        province_servite text[] NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT operating_unit_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE INDEX operating_unit_organization ON operating_unit (organization_id)`);

    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        codice_fiscale varchar(16) NOT NULL,
        nome text,
        cognome text,
        data_nascita date,
        luogo_nascita char(4),
        kind text NOT NULL CHECK (kind IN ('amministratore', 'collaboratore')),
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        scope text NOT NULL CHECK (scope IN ('organization', 'units')),
        valid_from date NOT NULL,
        valid_to date,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT membership_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX membership_one_amministratore ON membership (organization_id)
         WHERE kind = 'amministratore' AND revoked_at IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX membership_one_per_person ON membership (organization_id, codice_fiscale)
         WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX membership_person ON membership (codice_fiscale) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE membership_unit (
        membership_id uuid NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES operating_unit (id) ON DELETE CASCADE,
        PRIMARY KEY (membership_id, unit_id)
      )`);

    await q.query(`
      CREATE TABLE association_request (
        request_code text PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        citizen_cf varchar(16) NOT NULL,
        tipo_soggetto_abilitato text,
        issued_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE association (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        citizen_cf varchar(16) NOT NULL,
        tipo_soggetto_abilitato text,
        request_code text NOT NULL,
        document_id uuid,
        verdict jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'revoked')),
        associated_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by text
      )`);
    await q.query(
      `CREATE UNIQUE INDEX association_one_active ON association (organization_id) WHERE status = 'active'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE association`);
    await q.query(`DROP TABLE association_request`);
    await q.query(`DROP TABLE membership_unit`);
    await q.query(`DROP TABLE membership`);
    await q.query(`DROP TABLE operating_unit`);
    await q.query(`DROP TABLE organization_accreditation`);
    await q.query(`DROP TABLE legal_representative`);
    await q.query(`DROP TABLE organization`);
  }
}
