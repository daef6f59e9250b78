import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateKnownCitizen1763900000300 implements MigrationInterface {
  name = 'CreateKnownCitizen1763900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_citizen (
        codice_fiscale varchar(16) PRIMARY KEY,
        nome text NOT NULL,
        cognome text NOT NULL,
        email text,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE known_citizen');
  }
}
