import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Verification requests and their history (issue #11). */
export class VerificationRequests1763900004000 implements MigrationInterface {
  name = 'VerificationRequests1763900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verification_request (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('amministratore', 'responsabile-unico', 'raa')),
        state text NOT NULL CHECK (state IN ('draft', 'awaiting-pec', 'pending', 'taken', 'integration-requested',
                                             'resubmitted', 'approved', 'rejected', 'expired')),
        applicant_cf varchar(16) NOT NULL,
        person_cf varchar(16) NOT NULL,
        person_nome text NOT NULL,
        person_cognome text NOT NULL,
        person_data_nascita date,
        person_luogo_nascita char(4),
        person_email text NOT NULL,
        person_pec text,
        professione text,
        organization_id uuid,
        organization_cf varchar(16),
        organization_name text,
        territory_comune char(4),
        territory_provincia char(2),
        details jsonb NOT NULL DEFAULT '{}',
        taken_by varchar(16),
        due_date date,
        decision_note text,
        pec_token_hash varchar(64),
        pec_confirmed_at timestamptz,
        waiting_since timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX verification_request_applicant ON verification_request (applicant_cf, created_at)`);
    await q.query(
      `CREATE INDEX verification_request_queue ON verification_request (territory_provincia, territory_comune, state)`,
    );
    await q.query(
      `CREATE INDEX verification_request_due ON verification_request (due_date) WHERE due_date IS NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX verification_request_pec_token ON verification_request (pec_token_hash)`);
    // One open request per company nomination, per Responsabile unico and per RAA applicant.
    await q.query(
      `CREATE UNIQUE INDEX verification_request_one_open_nomination ON verification_request (organization_id)
        WHERE kind = 'amministratore' AND state NOT IN ('draft', 'approved', 'rejected', 'expired')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX verification_request_one_open_person ON verification_request (kind, person_cf)
        WHERE kind IN ('responsabile-unico', 'raa') AND state NOT IN ('draft', 'approved', 'rejected', 'expired')`,
    );
    await q.query(`
      CREATE TABLE verification_step (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES verification_request (id) ON DELETE CASCADE,
        action text NOT NULL,
        from_state text NOT NULL,
        to_state text NOT NULL,
        actor_cf varchar(16),
        note text,
        occurred_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX verification_step_request ON verification_step (request_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE verification_step`);
    await q.query(`DROP TABLE verification_request`);
  }
}
