// Used by the TypeORM CLI against the raa database.
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@profila/persistence';
import { loadRaaEnv } from '../config/raa.env.js';
import { RAA_ENTITIES } from './entities.js';
import { RAA_MIGRATIONS } from './migrations/index.js';

export default new DataSource(
  serviceDataSourceOptions({
    url: loadRaaEnv().DATABASE_URL!,
    entities: RAA_ENTITIES,
    migrations: RAA_MIGRATIONS,
  }),
);
