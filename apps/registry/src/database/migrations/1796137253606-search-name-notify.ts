import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Associa profilo search (ADR 0015): every committed change of an organisation's searchable name — insert, rename,
 * change of kind, delete, truncate — is NOTIFYed on `registry_organization_name` with its id, whether it is foreign and its
 * normalised name, whoever wrote it (any registry replica, the legacy import, a script). Each replica's in-memory name
 * index listens. A trigger, so that no writer has to remember it; no column to fill.
 */
export class SearchNameNotify1796137253606 implements MigrationInterface {
  name = 'SearchNameNotify1796137253606';

  async up(q: QueryRunner): Promise<void> {
    // A payload over NOTIFY's 8000 bytes (a name of several kilobytes, which no real company has) would fail the
    // write: the listeners are told to start over from the table instead.
    await q.query(`
      CREATE FUNCTION organization_name_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        payload text;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          payload := json_build_object('id', OLD.id, 'f', OLD.kind = 'azienda-estera', 'n', NULL)::text;
        ELSIF TG_OP = 'INSERT' OR NEW.ragione_sociale_norm IS DISTINCT FROM OLD.ragione_sociale_norm
              OR NEW.kind IS DISTINCT FROM OLD.kind THEN
          payload := json_build_object('id', NEW.id, 'f', NEW.kind = 'azienda-estera', 'n', NEW.ragione_sociale_norm)::text;
        END IF;
        IF payload IS NOT NULL THEN
          IF octet_length(payload) > 7900 THEN
            payload := '{"resync":true}';
          END IF;
          PERFORM pg_notify('registry_organization_name', payload);
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER organization_name_notify AFTER INSERT OR UPDATE OR DELETE ON organization
        FOR EACH ROW EXECUTE FUNCTION organization_name_notify()`);
    // TRUNCATE fires no row trigger: the listeners start over from the table.
    await q.query(`
      CREATE FUNCTION organization_truncate_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('registry_organization_name', '{"resync":true}');
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER organization_truncate_notify AFTER TRUNCATE ON organization
        FOR EACH STATEMENT EXECUTE FUNCTION organization_truncate_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER organization_truncate_notify ON organization`);
    await q.query(`DROP FUNCTION organization_truncate_notify()`);
    await q.query(`DROP TRIGGER organization_name_notify ON organization`);
    await q.query(`DROP FUNCTION organization_name_notify()`);
  }
}
