// Used by the TypeORM CLI against the registry database.
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@profila/persistence';
import { loadRegistryEnv } from '../config/registry.env.js';
import { REGISTRY_ENTITIES } from './entities.js';
import { REGISTRY_MIGRATIONS } from './migrations/index.js';

export default new DataSource(
  serviceDataSourceOptions({
    url: loadRegistryEnv().DATABASE_URL!,
    entities: REGISTRY_ENTITIES,
    migrations: REGISTRY_MIGRATIONS,
  }),
);
