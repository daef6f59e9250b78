import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { databaseNameOf, EMBEDDED_POSTGRES_URL, loadEnv } from '@profila/platform';

/** The migration CLI's settings (no HTTP: it runs, imports and exits). */
export class MigrationEnv {
  /** postgres://user:pass@host:port/db of the registry's database, which the import writes through the registry's code. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'REGISTRY_DATABASE_URL must be a postgres:// URL' })
  REGISTRY_DATABASE_URL = `${EMBEDDED_POSTGRES_URL}/${databaseNameOf('registry')}`;

  /** Rows per batch: one transaction, one checkpoint, one COPY per staging table. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  MIGRATION_BATCH_SIZE = 10_000;
}

export function loadMigrationEnv(source: NodeJS.ProcessEnv = process.env): MigrationEnv {
  return loadEnv(MigrationEnv, source);
}
