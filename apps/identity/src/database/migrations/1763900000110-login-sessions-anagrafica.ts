import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SAML login state (pending AuthnRequests), the SPID register, sessions (ADR 0008) and the citizen's anagrafica. */
export class LoginSessionsAnagrafica1763900000110 implements MigrationInterface {
  name = 'LoginSessionsAnagrafica1763900000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE authn_request (
        id text PRIMARY KEY,
        idp text NOT NULL,
        idp_kind text NOT NULL,
        level text NOT NULL,
        comparison text NOT NULL,
        relay_state text,
        return_to text NOT NULL,
        request_xml text NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz
      )`);
    await q.query('CREATE INDEX authn_request_expires_at ON authn_request (expires_at)');
    await q.query(`
      CREATE TABLE spid_log (
        id bigserial PRIMARY KEY,
        request_id text,
        response_id text,
        request_issue_instant timestamptz,
        response_issue_instant timestamptz,
        idp text,
        codice_fiscale varchar(16),
        level text,
        outcome text NOT NULL,
        error_code text,
        error_reason text,
        request_xml text,
        response_xml text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX spid_log_created_at ON spid_log (created_at)');
    await q.query('CREATE INDEX spid_log_request_id ON spid_log (request_id)');
    await q.query('CREATE INDEX spid_log_codice_fiscale ON spid_log (codice_fiscale)');
    await q.query(`
      CREATE TABLE session (
        id text PRIMARY KEY,
        codice_fiscale varchar(16) NOT NULL REFERENCES citizen (codice_fiscale),
        idp text NOT NULL,
        idp_kind text NOT NULL,
        spid_level text NOT NULL,
        name_id text NOT NULL,
        name_qualifier text NOT NULL,
        session_index text,
        acting_for text,
        acting_for_ragione_sociale text,
        acting_for_codice_fiscale text,
        logout_request_id text,
        logout_relay_state text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        end_reason text
      )`);
    await q.query('CREATE INDEX session_codice_fiscale ON session (codice_fiscale)');
    await q.query('CREATE INDEX session_idp_name_id ON session (idp, name_id)');
    await q.query('CREATE UNIQUE INDEX session_logout_relay_state ON session (logout_relay_state)');
    await q.query(`
      ALTER TABLE citizen
        ADD COLUMN sesso text,
        ADD COLUMN data_nascita date,
        ADD COLUMN luogo_nascita text,
        ADD COLUMN provincia_nascita text,
        ADD COLUMN documento_tipo text,
        ADD COLUMN documento_numero text,
        ADD COLUMN documento_rilasciato_da text,
        ADD COLUMN documento_data_rilascio date,
        ADD COLUMN documento_data_scadenza date,
        ADD COLUMN domicilio_indirizzo text,
        ADD COLUMN domicilio_comune text,
        ADD COLUMN domicilio_provincia text,
        ADD COLUMN domicilio_cap text,
        ADD COLUMN cellulare text,
        ADD COLUMN spid_code text,
        ADD COLUMN cittadinanza text,
        ADD COLUMN pec text,
        ADD COLUMN telefono text,
        ADD COLUMN fax text,
        ADD COLUMN titolo_studio text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE citizen
        DROP COLUMN sesso, DROP COLUMN data_nascita, DROP COLUMN luogo_nascita, DROP COLUMN provincia_nascita,
        DROP COLUMN documento_tipo, DROP COLUMN documento_numero, DROP COLUMN documento_rilasciato_da,
        DROP COLUMN documento_data_rilascio, DROP COLUMN documento_data_scadenza, DROP COLUMN domicilio_indirizzo,
        DROP COLUMN domicilio_comune, DROP COLUMN domicilio_provincia, DROP COLUMN domicilio_cap,
        DROP COLUMN cellulare, DROP COLUMN spid_code, DROP COLUMN cittadinanza, DROP COLUMN pec,
        DROP COLUMN telefono, DROP COLUMN fax, DROP COLUMN titolo_studio`);
    await q.query('DROP TABLE session');
    await q.query('DROP TABLE spid_log');
    await q.query('DROP TABLE authn_request');
  }
}
