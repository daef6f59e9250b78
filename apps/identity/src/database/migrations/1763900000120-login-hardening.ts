import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login hardening (issue #8): AuthnRequests bound to the browser that started them and to its client address, a
 * bounded SPID register (client address, sizes, hash of what was posted), the SHA-256 of each session's CSRF token,
 * and the IdP LogoutRequests already processed (replays refused).
 */
export class LoginHardening1763900000120 implements MigrationInterface {
  name = 'LoginHardening1763900000120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE authn_request
        ADD COLUMN client_ip text,
        ADD COLUMN browser_binding_sha256 text`);
    await q.query('CREATE INDEX authn_request_client_ip_issued_at ON authn_request (client_ip, issued_at)');
    await q.query(`
      ALTER TABLE spid_log
        ADD COLUMN client_ip text,
        ADD COLUMN response_sha256 text,
        ADD COLUMN response_size integer,
        ADD COLUMN response_truncated boolean NOT NULL DEFAULT false,
        ADD COLUMN stored_bytes integer NOT NULL DEFAULT 0`);
    await q.query('CREATE INDEX spid_log_client_ip_created_at ON spid_log (client_ip, created_at)');
    await q.query(`ALTER TABLE session ADD COLUMN csrf_token_sha256 text NOT NULL DEFAULT ''`);
    await q.query(`
      CREATE TABLE idp_logout_request (
        idp text NOT NULL,
        id text NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (idp, id)
      )`);
    await q.query('CREATE INDEX idp_logout_request_received_at ON idp_logout_request (received_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idp_logout_request');
    await q.query('ALTER TABLE session DROP COLUMN csrf_token_sha256');
    await q.query('DROP INDEX spid_log_client_ip_created_at');
    await q.query(`
      ALTER TABLE spid_log
        DROP COLUMN client_ip, DROP COLUMN response_sha256, DROP COLUMN response_size,
        DROP COLUMN response_truncated, DROP COLUMN stored_bytes`);
    await q.query('DROP INDEX authn_request_client_ip_issued_at');
    await q.query('ALTER TABLE authn_request DROP COLUMN client_ip, DROP COLUMN browser_binding_sha256');
  }
}
