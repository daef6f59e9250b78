// Used by the TypeORM CLI (migration:generate / migration:run) against the identity database.
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@profila/persistence';
import { loadIdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENTITIES } from './entities.js';
import { IDENTITY_MIGRATIONS } from './migrations/index.js';

export default new DataSource(
  serviceDataSourceOptions({
    url: loadIdentityEnv().DATABASE_URL!,
    entities: IDENTITY_ENTITIES,
    migrations: IDENTITY_MIGRATIONS,
  }),
);
