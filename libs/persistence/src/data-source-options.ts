import type { DataSourceOptions } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** Entity classes of the service. */
  entities: DataSourceOptions['entities'];
  /** Migration classes of the service, in order. */
  migrations: DataSourceOptions['migrations'];
  /** Run pending migrations when the service boots (default true: every replica is safe, TypeORM locks). */
  migrationsRun?: boolean;
  poolSize?: number;
  logging?: boolean;
}

/** The one way a service configures TypeORM: its own database, migrations only, never synchronize. */
export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: options.migrationsRun ?? true,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: options.logging ?? false,
    extra: { max: options.poolSize ?? 10, application_name: 'profila' },
  };
}
