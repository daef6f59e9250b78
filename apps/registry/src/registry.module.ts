import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, HealthModule } from '@profila/platform';
import type { RegistryEnv } from './config/registry.env.js';
import { REGISTRY_ENTITIES } from './database/entities.js';
import { REGISTRY_MIGRATIONS } from './database/migrations/index.js';

/** registry: persone giuridiche, unità operative, organigramma. */
@Module({})
export class RegistryModule {
  static register(env: RegistryEnv): DynamicModule {
    return {
      module: RegistryModule,
      imports: [
        DatabaseModule.forService({
          url: env.DATABASE_URL!,
          entities: REGISTRY_ENTITIES,
          migrations: REGISTRY_MIGRATIONS,
        }),
        MessagingModule.forService('registry', env),
        AuthModule.forService(env),
        HealthModule,
      ],
    };
  }
}
