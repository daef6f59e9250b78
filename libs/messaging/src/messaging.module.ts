import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import type { ServiceEnv } from '@profila/platform';
import { InboxEventServer } from './handlers/inbox-event.server.js';
import { DeadLetterController } from './inbox/dead-letter.controller.js';
import { DeadLetterRepository } from './inbox/dead-letter.repository.js';
import { DeadLetterService } from './inbox/dead-letter.service.js';
import { MessagingLifecycle } from './messaging.lifecycle.js';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging.options.js';
import { OutboxService } from './outbox/outbox.service.js';
import { createTransport } from './transport/create-transport.js';
import { EVENT_TRANSPORT } from './transport/event-transport.js';

/**
 * Outbox, relay, event handlers and dead letters of a service. Feature modules publish with OutboxService and
 * declare their handlers as `@InboxEventPattern` methods of their own controllers: nothing is listed here.
 */
@Module({})
export class MessagingModule {
  /** The usual wiring of a service: its database for the outbox, the transport chosen by its environment. */
  static forService(
    service: string,
    env: ServiceEnv,
    options: Pick<MessagingModuleOptions, 'relay' | 'maxAttempts' | 'retryBaseMs'> = {},
  ): DynamicModule {
    return MessagingModule.forRoot({
      service,
      databaseUrl: env.DATABASE_URL!,
      transport: env.EVENT_TRANSPORT,
      eventsDatabaseUrl: env.EVENTS_DATABASE_URL,
      kafkaBrokers: env.KAFKA_BROKERS.split(','),
      ...options,
    });
  }

  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      { provide: EVENT_TRANSPORT, useFactory: () => createTransport(options.service, options) },
      OutboxService,
      InboxEventServer,
      DeadLetterRepository,
      DeadLetterService,
      MessagingLifecycle,
    ];
    return {
      module: MessagingModule,
      global: true,
      providers,
      controllers: [DeadLetterController],
      exports: [OutboxService, EVENT_TRANSPORT, InboxEventServer],
    };
  }
}
