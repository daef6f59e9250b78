import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, HealthModule } from '@profila/platform';
import type { DocumentStoreEnv } from './config/document-store.env.js';
import { DOCUMENT_STORE_ENTITIES } from './database/entities.js';
import { DOCUMENT_STORE_MIGRATIONS } from './database/migrations/index.js';

/** document-store: documenti (MinIO) e PDF generati. */
@Module({})
export class DocumentStoreModule {
  static register(env: DocumentStoreEnv): DynamicModule {
    return {
      module: DocumentStoreModule,
      imports: [
        DatabaseModule.forService({
          url: env.DATABASE_URL!,
          entities: DOCUMENT_STORE_ENTITIES,
          migrations: DOCUMENT_STORE_MIGRATIONS,
        }),
        MessagingModule.forService('document-store', env),
        AuthModule.forService(env),
        HealthModule,
      ],
    };
  }
}
