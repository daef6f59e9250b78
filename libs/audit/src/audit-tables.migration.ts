import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `audit_entry` table every service keeps in its own database. Apps list this migration in their migrations
 * (after MessagingTables1763900000000) and AuditEntry in their entities.
 */
export class AuditTables1763900000100 implements MigrationInterface {
  name = 'AuditTables1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        acting_for text,
        subject text,
        data jsonb NOT NULL DEFAULT '{}',
        request_id text,
        correlation_id text
      )`);
    // Who did what lately: the audit view of one person, and per-actor limits counted on the trail itself.
    await q.query(`CREATE INDEX audit_entry_actor_action_at ON audit_entry (actor_id, action, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_entry');
  }
}
