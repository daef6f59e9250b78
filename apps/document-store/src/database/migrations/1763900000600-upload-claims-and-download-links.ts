import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Write-then-claim for uploads (pending_upload) and download links served by document-store (download_link). */
export class UploadClaimsAndDownloadLinks1763900000600 implements MigrationInterface {
  name = 'UploadClaimsAndDownloadLinks1763900000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pending_upload (
        object_key text PRIMARY KEY,
        document_id uuid NOT NULL,
        started_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX pending_upload_started_at ON pending_upload (started_at)`);
    await q.query(`
      CREATE TABLE download_link (
        token_sha256 char(64) PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        issued_to text NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX download_link_document ON download_link (document_id)`);
    await q.query(`CREATE INDEX download_link_expires_at ON download_link (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE download_link');
    await q.query('DROP TABLE pending_upload');
  }
}
