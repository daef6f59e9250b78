import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The citizens' names and e-mail addresses, from identity's citizen events: where the delegation mails go. */
export class CreateCitizenContact1763900000210 implements MigrationInterface {
  name = 'CreateCitizenContact1763900000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE citizen_contact (
        codice_fiscale varchar(16) PRIMARY KEY,
        nome text NOT NULL,
        cognome text NOT NULL,
        email text,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE citizen_contact');
  }
}
