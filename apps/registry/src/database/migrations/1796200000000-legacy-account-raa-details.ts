import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an RAA user's legacy login carries besides the person (ADR 0014, decision 9): the PEC and the professione the
 * legacy registration declared, kept so that claiming the login ("Accedi all'utenza RAA") pre-fills the new RAA
 * registration. Null for company and staff logins (a company's PEC is the organisation's).
 */
export class LegacyAccountRaaDetails1796200000000 implements MigrationInterface {
  name = 'LegacyAccountRaaDetails1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE legacy_account ADD COLUMN pec text, ADD COLUMN professione text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE legacy_account DROP COLUMN pec, DROP COLUMN professione`);
  }
}
