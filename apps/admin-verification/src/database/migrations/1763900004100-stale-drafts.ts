import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The stale-drafts cleanup finds the drafts never sent by their last change. */
export class StaleDrafts1763900004100 implements MigrationInterface {
  name = 'StaleDrafts1763900004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX verification_request_stale_draft ON verification_request (updated_at) WHERE state = 'draft'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX verification_request_stale_draft`);
  }
}
