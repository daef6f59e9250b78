// A legacy export imported into a running test platform's registry database through the migration CLI's own code
// (MigrationModule, LegacyImportService), as `npm run migrate -- --source <dir>` does.
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { EmbeddedPlatform } from '@profila/embedded';
import { databaseNameOf } from '@profila/platform';
import { MigrationModule } from '../../apps/migration/src/migration.module.js';
import { type ImportResult, LegacyImportService } from '../../apps/migration/src/pipeline/legacy-import.service.js';

/** Imports the CSV files of `source` (a folder); the report goes to `<source>/report`. */
export async function importLegacyExport(platform: EmbeddedPlatform, source: string): Promise<ImportResult> {
  const registryUrl = await platform.postgres.ensureDatabase(databaseNameOf('registry'));
  const cli = await NestFactory.createApplicationContext(
    MigrationModule.register({ REGISTRY_DATABASE_URL: registryUrl, MIGRATION_BATCH_SIZE: 100 }),
    { logger: false },
  );
  try {
    return await cli.get(LegacyImportService).run({ source, progress: false, reportDir: join(source, 'report') });
  } finally {
    await cli.close();
  }
}
