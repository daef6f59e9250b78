// Used by the TypeORM CLI against the notification database.
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@profila/persistence';
import { loadNotificationEnv } from '../config/notification.env.js';
import { NOTIFICATION_ENTITIES } from './entities.js';
import { NOTIFICATION_MIGRATIONS } from './migrations/index.js';

export default new DataSource(
  serviceDataSourceOptions({
    url: loadNotificationEnv().DATABASE_URL!,
    entities: NOTIFICATION_ENTITIES,
    migrations: NOTIFICATION_MIGRATIONS,
  }),
);
