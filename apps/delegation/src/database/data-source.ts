// Used by the TypeORM CLI against the delegation database.
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@profila/persistence';
import { loadDelegationEnv } from '../config/delegation.env.js';
import { DELEGATION_ENTITIES } from './entities.js';
import { DELEGATION_MIGRATIONS } from './migrations/index.js';

export default new DataSource(
  serviceDataSourceOptions({
    url: loadDelegationEnv().DATABASE_URL!,
    entities: DELEGATION_ENTITIES,
    migrations: DELEGATION_MIGRATIONS,
  }),
);
