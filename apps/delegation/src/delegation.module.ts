import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, HealthModule } from '@profila/platform';
import { AccessRightsModule } from './access-rights/access-rights.module.js';
import { CitizensModule } from './citizens/citizens.module.js';
import { DelegationsModule } from './delegations/delegations.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import type { DelegationEnv } from './config/delegation.env.js';
import { DELEGATION_ENV } from './config/delegation.tokens.js';
import { DELEGATION_ENTITIES } from './database/entities.js';
import { DELEGATION_MIGRATIONS } from './database/migrations/index.js';

/** delegation: deleghe e diritti di accesso. */
@Module({})
export class DelegationModule {
  static register(env: DelegationEnv): DynamicModule {
    return {
      module: DelegationModule,
      global: true,
      providers: [{ provide: DELEGATION_ENV, useValue: env }],
      exports: [DELEGATION_ENV],
      imports: [
        DatabaseModule.forService({
          url: env.DATABASE_URL!,
          entities: DELEGATION_ENTITIES,
          migrations: DELEGATION_MIGRATIONS,
        }),
        MessagingModule.forService('delegation', env),
        CitizensModule,
        OrganizationsModule,
        AccessRightsModule,
        DelegationsModule,
        AuthModule.forService(env),
        HealthModule,
      ],
    };
  }
}
