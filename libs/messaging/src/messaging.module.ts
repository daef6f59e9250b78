import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import type { ServiceEnv } from '@profila/platform';
import { DeadLetterController } from './inbox/dead-letter.controller.js';
import { MESSAGING_OPTIONS, MessagingLifecycle, type MessagingModuleOptions } from './messaging.lifecycle.js';
import { OutboxService } from './outbox/outbox.service.js';
import { createTransport } from './transport/create-transport.js';
import { EVENT_TRANSPORT } from './transport/event-transport.js';

@Module({})
export class MessagingModule {
  /** The usual wiring of a service: its database for the outbox, the transport chosen by its environment. */
  static forService(
    service: string,
    env: ServiceEnv,
    options: Pick<MessagingModuleOptions, 'consumers' | 'relay' | 'maxAttempts'> = {},
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
    const consumers = options.consumers ?? [];
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      { provide: EVENT_TRANSPORT, useFactory: () => createTransport(options.service, options) },
      OutboxService,
      ...consumers,
      MessagingLifecycle,
    ];
    return {
      module: MessagingModule,
      global: true,
      providers,
      controllers: [DeadLetterController],
      exports: [OutboxService, EVENT_TRANSPORT, MessagingLifecycle],
    };
  }
}
