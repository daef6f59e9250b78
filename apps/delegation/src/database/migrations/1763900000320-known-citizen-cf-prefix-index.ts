import type { MigrationInterface, QueryRunner } from 'typeorm';

/** "Ricerca destinatario" looks citizens up by the start of their codice fiscale: a LIKE 'ABC%' needs pattern ops. */
export class KnownCitizenCfPrefixIndex1763900000320 implements MigrationInterface {
  name = 'KnownCitizenCfPrefixIndex1763900000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX known_citizen_cf_prefix ON known_citizen (codice_fiscale varchar_pattern_ops)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX known_citizen_cf_prefix');
  }
}
