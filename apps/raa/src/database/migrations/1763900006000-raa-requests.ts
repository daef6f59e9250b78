import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Richieste di accesso agli atti, the protocol counter, the RAA profiles, the employment records (issue #12). */
export class RaaRequests1763900006000 implements MigrationInterface {
  name = 'RaaRequests1763900006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE raa_profile (
        codice_fiscale varchar(16) PRIMARY KEY,
        nome text NOT NULL,
        cognome text NOT NULL,
        email text NOT NULL,
        professione text,
        provincia char(2),
        verification_request_id uuid NOT NULL,
        enabled_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE raa_request (
        id uuid PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('BOZZA', 'INVIATA', 'EVASA', 'RESPINTA', 'ANNULLATA')),
        requester_cf varchar(16) NOT NULL,
        requester_nome text NOT NULL,
        requester_cognome text NOT NULL,
        provincia char(2) NOT NULL,
        ragione_sociale_richiedente text,
        tipologia_richiesta text,
        ragione_sociale_mandante text,
        codice_fiscale_mandante varchar(16),
        motivazione text NOT NULL,
        data_richiesta date NOT NULL,
        protocol_year int,
        protocol_number int,
        data_protocollo date,
        submitted_at timestamptz,
        handled_by varchar(16),
        handled_at timestamptz,
        data_ricerca date,
        risposta_provincia text,
        motivo_rifiuto text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT raa_request_protocol UNIQUE (protocol_year, protocol_number),
        CONSTRAINT raa_request_protocolled CHECK (
          (state IN ('BOZZA', 'ANNULLATA')) = (protocol_number IS NULL)
          AND (protocol_number IS NULL) = (protocol_year IS NULL)
          AND (protocol_number IS NULL) = (data_protocollo IS NULL)),
        CONSTRAINT raa_request_refusal CHECK (state <> 'RESPINTA' OR motivo_rifiuto IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX raa_request_requester ON raa_request (requester_cf, created_at)`);
    await q.query(`CREATE INDEX raa_request_queue ON raa_request (provincia, state, submitted_at)`);
    await q.query(`
      CREATE TABLE raa_worker (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES raa_request (id),
        codice_fiscale varchar(16) NOT NULL,
        descrizione text,
        known boolean NOT NULL,
        situazione text CHECK (situazione IN ('LAVORA', 'NESSUN_RAPPORTO')),
        datore_cf varchar(16),
        datore_ragione_sociale text,
        data_inizio date,
        tipologia_contrattuale text,
        added_at timestamptz NOT NULL,
        CONSTRAINT raa_worker_once UNIQUE (request_id, codice_fiscale)
      )`);
    await q.query(`
      CREATE TABLE raa_attachment (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES raa_request (id),
        document_id uuid NOT NULL UNIQUE,
        nome text NOT NULL,
        descrizione text,
        size int NOT NULL,
        content_type text NOT NULL,
        added_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX raa_attachment_request ON raa_attachment (request_id)`);
    await q.query(`
      CREATE TABLE raa_protocol_counter (
        year int PRIMARY KEY,
        last_number int NOT NULL CHECK (last_number > 0)
      )`);
    await q.query(`
      CREATE TABLE employment_relationship (
        relationship_id text PRIMARY KEY,
        worker_cf varchar(16) NOT NULL,
        employer_cf varchar(16) NOT NULL,
        employer_name text NOT NULL,
        start_date date NOT NULL,
        end_date date,
        contract_type text NOT NULL,
        last_communication_id text NOT NULL,
        last_communication_kind text NOT NULL,
        source text NOT NULL CHECK (source IN ('cob', 'sample')),
        communicated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX employment_relationship_worker ON employment_relationship (worker_cf, start_date)`);
    await q.query(`
      CREATE TABLE employment_lookup (
        id uuid PRIMARY KEY,
        worker_cf varchar(16) NOT NULL,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        request_id uuid,
        reason text NOT NULL,
        search_date date NOT NULL,
        found int NOT NULL,
        looked_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX employment_lookup_worker ON employment_lookup (worker_cf, looked_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'employment_lookup',
      'employment_relationship',
      'raa_protocol_counter',
      'raa_attachment',
      'raa_worker',
      'raa_request',
      'raa_profile',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
