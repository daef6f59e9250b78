import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, HealthModule } from '@profila/platform';
import { CitizensModule } from './citizens/citizens.module.js';
import { IdentityConfigModule } from './config/identity-config.module.js';
import type { IdentityEnv } from './config/identity.env.js';
import { IDENTITY_ENTITIES } from './database/entities.js';
import { IDENTITY_MIGRATIONS } from './database/migrations/index.js';
import { IdpHealthModule } from './login/idp-health.module.js';
import { LoginModule } from './login/login.module.js';
import { MeModule } from './me/me.module.js';
import { SessionsModule } from './sessions/sessions.module.js';

@Module({})
export class IdentityModule {
  static register(env: IdentityEnv): DynamicModule {
    return {
      module: IdentityModule,
      imports: [
        DatabaseModule.forService({
          url: env.DATABASE_URL!,
          entities: IDENTITY_ENTITIES,
          migrations: IDENTITY_MIGRATIONS,
        }),
        MessagingModule.forService('identity', env),
        AuthModule.forService(env),
        HealthModule,
        IdentityConfigModule.register(env),
        CitizensModule,
        SessionsModule,
        LoginModule,
        IdpHealthModule,
        MeModule,
      ],
    };
  }
}
