import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDocument1763900000500 implements MigrationInterface {
  name = 'CreateDocument1763900000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        owner_id text,
        territory text,
        file_name text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        content_type text NOT NULL,
        sha256 char(64) NOT NULL,
        object_key text NOT NULL UNIQUE,
        uploaded_by text NOT NULL,
        uploaded_by_kind text NOT NULL,
        uploaded_acting_for text,
        uploaded_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'superseded', 'deleted')),
        version integer NOT NULL CHECK (version > 0),
        supersedes_id uuid REFERENCES document (id),
        superseded_at timestamptz,
        deleted_at timestamptz,
        deleted_by text,
        UNIQUE (entity_type, entity_id, kind, version)
      )`);
    await q.query(`CREATE INDEX document_entity ON document (entity_type, entity_id, status)`);
    await q.query(`CREATE INDEX document_owner ON document (owner_id) WHERE owner_id IS NOT NULL`);
    await q.query(`CREATE INDEX document_uploaded_by ON document (uploaded_by)`);
    await q.query(`
      CREATE TABLE association_request (
        request_code text PRIMARY KEY,
        citizen_cf varchar(16) NOT NULL,
        organization_cf text NOT NULL,
        sha256 char(64) NOT NULL,
        size integer NOT NULL,
        file_name text NOT NULL,
        input json NOT NULL,
        issued_at timestamptz NOT NULL,
        requested_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX association_request_citizen ON association_request (citizen_cf)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE association_request');
    await q.query('DROP TABLE document');
  }
}
