import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccessRight1763900000310 implements MigrationInterface {
  name = 'CreateAccessRight1763900000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_right (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id text NOT NULL,
        ragione_sociale text NOT NULL,
        codice_fiscale_org text NOT NULL,
        citizen_cf varchar(16) NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        valid_from timestamptz NOT NULL DEFAULT now(),
        valid_to timestamptz,
        source text NOT NULL
      )`);
    await q.query('CREATE INDEX access_right_citizen ON access_right (citizen_cf, organization_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE access_right');
  }
}
