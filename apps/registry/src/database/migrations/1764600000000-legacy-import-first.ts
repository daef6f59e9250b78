import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flat memory for the legacy import (ADR 0014, decisions 2 and 6): the first occurrence of every username, CF and sede
 * of a run, and the rows the run rejected, live in the database instead of the CLI's heap. Both are written in the
 * transaction of the batch that decided them, so after a crash they hold exactly the committed batches. A run is
 * numbered (`run_no`, from a sequence) so that the million keys of a run carry a 4-byte scope, not the run id's text.
 * No foreign keys: a check per row would cost as much as the look-up itself, and the rows of a run are deleted when
 * it finishes.
 */
export class LegacyImportFirst1764600000000 implements MigrationInterface {
  name = 'LegacyImportFirst1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE legacy_import_run_no AS int`);
    await q.query(`ALTER TABLE legacy_import_run ADD COLUMN run_no int`);
    await q.query(`UPDATE legacy_import_run SET run_no = nextval('legacy_import_run_no')`);
    await q.query(`ALTER TABLE legacy_import_run ALTER COLUMN run_no SET NOT NULL`);
    // kind: 1 username (lower case), 2 organisation CF, 3 person CF, 4 sede (`<CF ente>:<folded descrizione>`).
    // digest: the 32-bit digest of the first row's data (organisation name, person's name and birth date).
    await q.query(`
      CREATE TABLE legacy_import_first (
        run_no int NOT NULL,
        kind smallint NOT NULL,
        key text COLLATE "C" NOT NULL,
        digest int,
        PRIMARY KEY (run_no, kind, key)
      )`);
    await q.query(`
      CREATE TABLE legacy_import_reject (
        run_no int NOT NULL,
        batch_no int NOT NULL,
        line int NOT NULL,
        source_file text NOT NULL,
        username text NOT NULL,
        reason text NOT NULL,
        field text NOT NULL,
        PRIMARY KEY (run_no, batch_no, line)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE legacy_import_reject`);
    await q.query(`DROP TABLE legacy_import_first`);
    await q.query(`ALTER TABLE legacy_import_run DROP COLUMN run_no`);
    await q.query(`DROP SEQUENCE legacy_import_run_no`);
  }
}
