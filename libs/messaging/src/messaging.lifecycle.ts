import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createLogger } from '@profila/platform';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging.options.js';
import { OutboxRelay } from './relay/outbox-relay.js';
import { EVENT_TRANSPORT, type EventTransport } from './transport/event-transport.js';

/**
 * Starts the outbox relay once the app is up; closes the transport before the database closes. The event handlers
 * are served by InboxEventServer (a Nest microservice of the app), which Nest stops before these shutdown hooks.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;
  private readonly logger;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    private readonly dataSource: DataSource,
  ) {
    this.logger = createLogger(`${options.service}:messaging`);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.relay !== false) {
      this.relay = new OutboxRelay(this.dataSource, this.transport, {
        databaseUrl: this.options.databaseUrl,
        logger: this.logger,
      });
      await this.relay.start();
    }
    this.logger.info({ transport: this.transport.kind, relay: this.options.relay !== false }, 'messaging started');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.transport.close();
  }
}
