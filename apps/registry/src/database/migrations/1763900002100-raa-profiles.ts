import type { MigrationInterface, QueryRunner } from 'typeorm';

/** RAA profiles enabled by an operator (admin-verification, issue #11). */
export class RaaProfiles1763900002100 implements MigrationInterface {
  name = 'RaaProfiles1763900002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE raa_profile (
        codice_fiscale varchar(16) PRIMARY KEY,
        nome text NOT NULL,
        cognome text NOT NULL,
        email text NOT NULL,
        pec text NOT NULL,
        professione text NOT NULL,
        request_id uuid NOT NULL,
        enabled_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE raa_profile`);
  }
}
