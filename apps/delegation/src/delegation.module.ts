import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, HealthModule } from '@profila/platform';
import { AccessRightsModule } from './access-rights/access-rights.module.js';
import { CitizensModule } from './citizens/citizens.module.js';
import type { DelegationEnv } from './config/delegation.env.js';
import { DELEGATION_ENTITIES } from './database/entities.js';
import { DELEGATION_MIGRATIONS } from './database/migrations/index.js';

/** delegation: deleghe e diritti di accesso. */
@Module({})
export class DelegationModule {
  static register(env: DelegationEnv): DynamicModule {
    return {
      module: DelegationModule,
      imports: [
        DatabaseModule.forService({
          url: env.DATABASE_URL!,
          entities: DELEGATION_ENTITIES,
          migrations: DELEGATION_MIGRATIONS,
        }),
        MessagingModule.forService('delegation', env),
        CitizensModule,
        AccessRightsModule,
        AuthModule.forService(env),
        HealthModule,
      ],
    };
  }
}
