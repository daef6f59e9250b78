// Used by the TypeORM CLI against the admin-verification database.
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@profila/persistence';
import { loadAdminVerificationEnv } from '../config/admin-verification.env.js';
import { ADMIN_VERIFICATION_ENTITIES } from './entities.js';
import { ADMIN_VERIFICATION_MIGRATIONS } from './migrations/index.js';

export default new DataSource(
  serviceDataSourceOptions({
    url: loadAdminVerificationEnv().DATABASE_URL!,
    entities: ADMIN_VERIFICATION_ENTITIES,
    migrations: ADMIN_VERIFICATION_MIGRATIONS,
  }),
);
