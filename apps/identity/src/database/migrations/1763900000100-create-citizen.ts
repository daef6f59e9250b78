import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCitizen1763900000100 implements MigrationInterface {
  name = 'CreateCitizen1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE citizen (
        codice_fiscale varchar(16) PRIMARY KEY,
        nome text NOT NULL,
        cognome text NOT NULL,
        email text,
        source text NOT NULL,
        first_login_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE citizen');
  }
}
