import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { ItalianPlaces } from '#registry/legacy-import';
import type { MigrationEnv } from './config/migration.env.js';
import { ITALIAN_PLACES, MIGRATION_ENV, REGISTRY_POOL } from './migration.tokens.js';
import { LegacyImportService } from './pipeline/legacy-import.service.js';

/** The migration CLI: a Nest application context (no HTTP) around the import pipeline. */
@Module({})
export class MigrationModule implements OnApplicationShutdown {
  constructor(@Inject(REGISTRY_POOL) private readonly pool: pg.Pool) {}

  static register(env: MigrationEnv): DynamicModule {
    return {
      module: MigrationModule,
      providers: [
        { provide: MIGRATION_ENV, useValue: env },
        {
          provide: REGISTRY_POOL,
          useFactory: () =>
            new pg.Pool({ connectionString: env.REGISTRY_DATABASE_URL, max: 2, application_name: 'profila-migration' }),
        },
        { provide: ITALIAN_PLACES, useFactory: () => ItalianPlaces.load() },
        LegacyImportService,
      ],
      exports: [LegacyImportService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
