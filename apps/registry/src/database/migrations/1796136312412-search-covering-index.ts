import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Associa profilo search (issue #9 performance): the C-collation btree of the ragione sociale prefix search carries
 * the columns a hit shows (INCLUDE), so that a prefix search is an index-only scan (no heap page per hit). Same key
 * and order as the index it replaces; no new column to fill.
 */
export class SearchCoveringIndex1796136312412 implements MigrationInterface {
  name = 'SearchCoveringIndex1796136312412';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX organization_name_prefix_hits ON organization (ragione_sociale_norm COLLATE "C", id)
         INCLUDE (kind, ragione_sociale, codice_fiscale, codice_identificativo, sede_comune, sede_citta)`,
    );
    await q.query(`DROP INDEX organization_name_prefix`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX organization_name_prefix ON organization (ragione_sociale_norm COLLATE "C", id)`);
    await q.query(`DROP INDEX organization_name_prefix_hits`);
  }
}
