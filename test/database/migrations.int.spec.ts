// Every service's migrations, on a fresh database: they apply, they match the entities (nothing left for TypeORM to
// generate), and they revert cleanly (every migration has a working down()).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@profila/persistence';
import { createTestDatabase } from '@profila/testing';

interface NestCli {
  projects: Record<string, { type: string; sourceRoot: string }>;
}

const nestCli = JSON.parse(await readFile('nest-cli.json', 'utf8')) as NestCli;
const constName = (app: string) => app.toUpperCase().replace(/-/g, '_');
// An app has a database when it has src/database/entities.ts (gateway and dev-idp have none). Importing them must
// then succeed: a broken import fails the test instead of silently skipping the app.
const appsWithDatabase = Object.entries(nestCli.projects)
  .filter(([name, project]) => project.type === 'application' && existsSync(`apps/${name}/src/database/entities.ts`))
  .map(([name]) => name);

/**
 * Tables written without a TypeORM entity, on purpose (ADR 0003): the messaging tables every service carries, whose
 * hot paths are hand-written SQL over batches. Any other table must have an entity.
 */
const RAW_TABLES = new Set(['outbox', 'outbox_lane', 'inbox', 'dead_letter', 'migrations']);

it('finds every service with a database', () => {
  expect(appsWithDatabase).toEqual(
    expect.arrayContaining(['identity', 'registry', 'delegation', 'admin-verification', 'document-store', 'raa']),
  );
});

describe.each(appsWithDatabase)('%s migrations', (app) => {
  let ds: DataSource;

  beforeAll(async () => {
    const entities = (await import(`../../apps/${app}/src/database/entities.js`)) as Record<string, unknown[]>;
    const migrations = (await import(`../../apps/${app}/src/database/migrations/index.js`)) as Record<
      string,
      unknown[]
    >;
    ds = new DataSource(
      serviceDataSourceOptions({
        url: await createTestDatabase(app.replace(/-/g, '_')),
        entities: entities[`${constName(app)}_ENTITIES`] as never,
        migrations: migrations[`${constName(app)}_MIGRATIONS`] as never,
        migrationsRun: false,
      }),
    );
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('apply on an empty database and leave nothing for the entities to change', async () => {
    const applied = await ds.runMigrations();
    expect(applied.length).toBeGreaterThan(0);
    const pending = await ds.driver.createSchemaBuilder().log();
    // Indexes, foreign keys, checks and defaults written by hand in migrations are not all mirrored on the
    // entities; TypeORM would drop them. Any other difference (a table, a column, a type) is real drift.
    const migrationOnly =
      /^(DROP INDEX|ALTER TABLE "[^"]+" DROP CONSTRAINT|ALTER TABLE "[^"]+" ALTER COLUMN "[^"]+" DROP DEFAULT)/;
    expect(pending.upQueries.map((q) => q.query).filter((q) => !migrationOnly.test(q))).toEqual([]);
  });

  it('create no table without an entity, except the declared raw ones', async () => {
    const entityTables = new Set(ds.entityMetadatas.map((m) => m.tableName));
    const tables = await ds.query<Array<{ tablename: string }>>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(tables.map((t) => t.tablename).filter((t) => !entityTables.has(t) && !RAW_TABLES.has(t))).toEqual([]);
  });

  it('revert one by one down to an empty schema, and apply again', async () => {
    const count = ds.migrations.length;
    for (let i = 0; i < count; i++) await ds.undoLastMigration();
    const tables = await ds.query<Array<{ tablename: string }>>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    expect(tables).toEqual([]);
    expect((await ds.runMigrations()).length).toBe(count);
  });
});
