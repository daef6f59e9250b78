// Used by the TypeORM CLI against the document-store database.
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@profila/persistence';
import { loadDocumentStoreEnv } from '../config/document-store.env.js';
import { DOCUMENT_STORE_ENTITIES } from './entities.js';
import { DOCUMENT_STORE_MIGRATIONS } from './migrations/index.js';

export default new DataSource(
  serviceDataSourceOptions({
    url: loadDocumentStoreEnv().DATABASE_URL!,
    entities: DOCUMENT_STORE_ENTITIES,
    migrations: DOCUMENT_STORE_MIGRATIONS,
  }),
);
