import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, HealthModule } from '@profila/platform';
import type { AdminVerificationEnv } from './config/admin-verification.env.js';
import { ADMIN_VERIFICATION_ENV } from './config/admin-verification.tokens.js';
import { ADMIN_VERIFICATION_ENTITIES } from './database/entities.js';
import { ADMIN_VERIFICATION_MIGRATIONS } from './database/migrations/index.js';
import { RequestsModule } from './requests/requests.module.js';

/** admin-verification: verifiche delle nomine e delle registrazioni. */
@Module({})
export class AdminVerificationModule {
  static register(env: AdminVerificationEnv): DynamicModule {
    return {
      module: AdminVerificationModule,
      global: true,
      providers: [{ provide: ADMIN_VERIFICATION_ENV, useValue: env }],
      exports: [ADMIN_VERIFICATION_ENV],
      imports: [
        DatabaseModule.forService({
          url: env.DATABASE_URL!,
          entities: ADMIN_VERIFICATION_ENTITIES,
          migrations: ADMIN_VERIFICATION_MIGRATIONS,
        }),
        MessagingModule.forService('admin-verification', env),
        AuthModule.forService(env),
        HealthModule,
        RequestsModule,
      ],
    };
  }
}
