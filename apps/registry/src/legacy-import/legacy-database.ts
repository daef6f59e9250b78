import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@profila/persistence';
import { REGISTRY_ENTITIES } from '../database/entities.js';
import { REGISTRY_MIGRATIONS } from '../database/migrations/index.js';

/** Brings the registry's database to its current schema (the registry does the same at boot). */
export async function migrateRegistryDatabase(url: string): Promise<void> {
  const dataSource = new DataSource(
    serviceDataSourceOptions({ url, entities: REGISTRY_ENTITIES, migrations: REGISTRY_MIGRATIONS, poolSize: 1 }),
  );
  await dataSource.initialize();
  await dataSource.destroy();
}
