import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { createLogger } from '@profila/platform';
import { ConsumerRunner } from './inbox/consumer-runner.js';
import type { EventConsumer } from './inbox/event-consumer.js';
import { OutboxRelay } from './relay/outbox-relay.js';
import type { TransportConfig } from './transport/create-transport.js';
import { EVENT_TRANSPORT, type EventTransport } from './transport/event-transport.js';

export interface MessagingModuleOptions extends TransportConfig {
  /** Service name (client id, logs). */
  service: string;
  /** URL of the service's own database (the relay LISTENs on it). */
  databaseUrl: string;
  consumers?: Type<EventConsumer>[];
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  /** Tries before dead-lettering. */
  maxAttempts?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Starts the relay and the consumers once the app is up, stops them before the database closes. */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;
  readonly runners = new Map<string, ConsumerRunner>();
  private readonly logger;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    private readonly moduleRef: ModuleRef,
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
    // Resolved here, not in a factory: by now every consumer instance is fully constructed.
    const consumers = (this.options.consumers ?? []).map((type) =>
      this.moduleRef.get<EventConsumer>(type, { strict: false }),
    );
    this.logger.info({ transport: this.transport.kind, consumers: consumers.length }, 'messaging started');
    for (const consumer of consumers) {
      const runner = new ConsumerRunner(this.dataSource, this.transport, consumer, {
        logger: this.logger,
        maxAttempts: this.options.maxAttempts,
      });
      this.runners.set(consumer.group, runner);
      await runner.start();
      this.logger.info({ group: consumer.group, topics: consumer.topics }, 'consumer started');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    await this.relay?.stop();
    await this.transport.close();
  }
}
