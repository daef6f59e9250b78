import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, HealthModule } from '@profila/platform';
import type { NotificationEnv } from './config/notification.env.js';
import { NOTIFICATION_ENV } from './config/notification.tokens.js';
import { NOTIFICATION_ENTITIES } from './database/entities.js';
import { NOTIFICATION_MIGRATIONS } from './database/migrations/index.js';
import { MailsModule } from './mails/mails.module.js';
import { RaaMailsModule } from './raa/raa-mails.module.js';
import { VerificationMailsModule } from './verifications/verification-mails.module.js';

@Module({})
export class NotificationModule {
  static register(env: NotificationEnv): DynamicModule {
    return {
      module: NotificationModule,
      global: true,
      providers: [{ provide: NOTIFICATION_ENV, useValue: env }],
      exports: [NOTIFICATION_ENV],
      imports: [
        DatabaseModule.forService({
          url: env.DATABASE_URL!,
          entities: NOTIFICATION_ENTITIES,
          migrations: NOTIFICATION_MIGRATIONS,
        }),
        MessagingModule.forService('notification', env),
        AuthModule.forService(env),
        HealthModule,
        MailsModule,
        VerificationMailsModule,
        RaaMailsModule,
      ],
    };
  }
}
