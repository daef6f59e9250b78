import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { serviceDataSourceOptions, type ServiceDataSourceOptions } from './data-source-options.js';

/** A service's own PostgreSQL database through TypeORM: migrations at boot, never synchronize. */
@Module({})
export class DatabaseModule {
  static forService(options: ServiceDataSourceOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...serviceDataSourceOptions(options), autoLoadEntities: false })],
    };
  }
}
