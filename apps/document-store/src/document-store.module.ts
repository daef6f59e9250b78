import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, HealthModule } from '@profila/platform';
import type { DocumentStoreEnv } from './config/document-store.env.js';
import { DOCUMENT_STORE_ENV } from './config/document-store.tokens.js';
import { DOCUMENT_STORE_ENTITIES } from './database/entities.js';
import { DOCUMENT_STORE_MIGRATIONS } from './database/migrations/index.js';
import { DocumentsModule } from './documents/documents.module.js';
import { SignaturesModule } from './signatures/signatures.module.js';
import { StorageModule } from './storage/storage.module.js';
import { TemplatesModule } from './templates/templates.module.js';

/** document-store: documenti (MinIO) e PDF generati. */
@Module({})
export class DocumentStoreModule {
  static register(env: DocumentStoreEnv): DynamicModule {
    return {
      module: DocumentStoreModule,
      global: true,
      providers: [{ provide: DOCUMENT_STORE_ENV, useValue: env }],
      exports: [DOCUMENT_STORE_ENV],
      imports: [
        DatabaseModule.forService({
          url: env.DATABASE_URL!,
          entities: DOCUMENT_STORE_ENTITIES,
          migrations: DOCUMENT_STORE_MIGRATIONS,
        }),
        MessagingModule.forService('document-store', env),
        AuthModule.forService(env),
        StorageModule,
        HealthModule,
        DocumentsModule,
        TemplatesModule,
        SignaturesModule,
      ],
    };
  }
}
