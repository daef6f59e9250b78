import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, HealthModule } from '@profila/platform';
import type { RaaEnv } from './config/raa.env.js';
import { RAA_ENV } from './config/raa.tokens.js';
import { RAA_ENTITIES } from './database/entities.js';
import { RAA_MIGRATIONS } from './database/migrations/index.js';
import { RequestsModule } from './requests/requests.module.js';

/** raa: richieste di accesso agli atti. */
@Module({})
export class RaaModule {
  static register(env: RaaEnv): DynamicModule {
    return {
      module: RaaModule,
      global: true,
      providers: [{ provide: RAA_ENV, useValue: env }],
      exports: [RAA_ENV],
      imports: [
        DatabaseModule.forService({ url: env.DATABASE_URL!, entities: RAA_ENTITIES, migrations: RAA_MIGRATIONS }),
        MessagingModule.forService('raa', env),
        AuthModule.forService(env),
        HealthModule,
        RequestsModule,
      ],
    };
  }
}
