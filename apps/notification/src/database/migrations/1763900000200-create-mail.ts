import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMail1763900000200 implements MigrationInterface {
  name = 'CreateMail1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        template text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mail_once_per_event UNIQUE (event_id, recipient, template)
      )`);
    await q.query(`CREATE INDEX mail_due ON mail (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE mail');
  }
}
