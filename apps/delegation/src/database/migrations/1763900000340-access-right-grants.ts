import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * access_right becomes the read model of grants: one row per membership or accepted delega (source + source_id),
 * with its scope and the instant it was revoked or expired.
 */
export class AccessRightGrants1763900000340 implements MigrationInterface {
  name = 'AccessRightGrants1763900000340';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE access_right
        ADD COLUMN source_id text,
        ADD COLUMN scope text NOT NULL DEFAULT 'organization',
        ADD COLUMN unit_ids text[] NOT NULL DEFAULT '{}',
        ADD COLUMN revoked_at timestamptz,
        ADD COLUMN expired_at timestamptz,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query('CREATE UNIQUE INDEX access_right_source ON access_right (source, source_id)');
    await q.query(
      'CREATE INDEX access_right_due ON access_right (valid_to) WHERE revoked_at IS NULL AND expired_at IS NULL',
    );
    await q.query('CREATE INDEX access_right_organization ON access_right (organization_id, source)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX access_right_organization');
    await q.query('DROP INDEX access_right_due');
    await q.query('DROP INDEX access_right_source');
    await q.query(`
      ALTER TABLE access_right DROP COLUMN source_id, DROP COLUMN scope, DROP COLUMN unit_ids,
        DROP COLUMN revoked_at, DROP COLUMN expired_at, DROP COLUMN updated_at`);
  }
}
