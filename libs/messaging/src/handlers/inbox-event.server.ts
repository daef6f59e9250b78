import { Inject, Injectable } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { type EventEnvelope, type EventType, isEventType, topicOf } from '@profila/contracts';
import { createLogger } from '@profila/platform';
import { ConsumerRunner } from '../inbox/consumer-runner.js';
import type { EventConsumer } from '../inbox/event-consumer.js';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from '../messaging.options.js';
import { EVENT_TRANSPORT, type EventTransport } from '../transport/event-transport.js';
import { INBOX_TRANSPORT } from './inbox-event-pattern.decorator.js';
import { InboxContext } from './inbox.context.js';

/** The handlers of one consumer group, by event type. */
class GroupConsumer implements EventConsumer {
  readonly handlers = new Map<EventType, MessageHandler>();

  constructor(readonly group: string) {}

  get topics(): string[] {
    return [...new Set([...this.handlers.keys()].map(topicOf))].sort();
  }

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const handler = this.handlers.get(event.type as EventType);
    if (!handler) return; // another type of the topic: this group has nothing to do with it (still recorded as seen)
    const result: unknown = await handler(event, new InboxContext([manager, this.group]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}

/**
 * Nest's custom transport strategy over Profila's consumer runner: serves the `@InboxEventPattern` methods of the
 * app's controllers. One ConsumerRunner per consumer group (inbox de-duplication inside the handler's transaction,
 * retries with backoff, dead letters, replay), on whichever transport the service is configured with.
 * Connected in the service's main: `connectEventHandlers(app)` then `app.startAllMicroservices()`.
 */
@Injectable()
export class InboxEventServer extends Server implements CustomTransportStrategy {
  override readonly transportId = INBOX_TRANSPORT;
  /** The runner reports failures itself (log, dead letter): Nest need not log them again. */
  override readonly propagatesEventHandlerErrors = true;
  private readonly groups = new Map<string, GroupConsumer>();
  private readonly runners = new Map<string, ConsumerRunner>();
  private readonly log;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    private readonly dataSource: DataSource,
  ) {
    super();
    this.log = createLogger(`${options.service}:events`);
  }

  /** Called by Nest for each pattern of each `@InboxEventPattern` method it discovers. */
  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    const where = `@InboxEventPattern(${JSON.stringify(pattern)})`;
    if (!isEventHandler) throw new Error(`${where}: the inbox transport carries events, not requests`);
    if (typeof pattern !== 'string' || !isEventType(pattern)) {
      throw new Error(`${where}: not an event type of the contracts' catalog`);
    }
    const group = extras.group;
    const prefix = `${this.options.service}.`;
    if (
      typeof group !== 'string' ||
      !group.startsWith(prefix) ||
      !/^[a-z][a-z0-9-]*$/.test(group.slice(prefix.length))
    ) {
      throw new Error(`${where}: consumer group must be "${prefix}<purpose>", got ${JSON.stringify(group)}`);
    }
    let consumer = this.groups.get(group);
    if (!consumer) this.groups.set(group, (consumer = new GroupConsumer(group)));
    if (consumer.handlers.has(pattern)) throw new Error(`${where}: group ${group} already handles ${pattern}`);
    callback.isEventHandler = true;
    callback.extras = extras;
    consumer.handlers.set(pattern, callback);
    // Nest's own registry too (getHandlers), keyed per group: the base class would chain the handlers of different
    // groups for one pattern and run them all together.
    this.messageHandlers.set(`${group} ${pattern}`, callback);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const consumer of this.groups.values()) {
        const runner = new ConsumerRunner(this.dataSource, this.transport, consumer, {
          logger: this.log,
          maxAttempts: this.options.maxAttempts,
          retryBaseMs: this.options.retryBaseMs,
        });
        await runner.start();
        this.runners.set(consumer.group, runner);
        this.log.info(
          { group: consumer.group, topics: consumer.topics, types: [...consumer.handlers.keys()] },
          'event handlers started',
        );
      }
      this._status$.next('connected');
      callback();
    } catch (error) {
      await this.close();
      callback(error);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    this.runners.clear();
    this._status$.next('disconnected');
  }

  /** The groups being served and the topics each reads (start-up logs, tests). */
  subscriptions(): Array<{ group: string; topics: string[]; types: EventType[] }> {
    return [...this.groups.values()].map((c) => ({ group: c.group, topics: c.topics, types: [...c.handlers.keys()] }));
  }

  /** The running consumer of a group, if this process serves it (dead-letter replay). */
  runnerOf(group: string): ConsumerRunner | undefined {
    return this.runners.get(group);
  }

  on(): never {
    throw new Error('InboxEventServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.runners as T;
  }
}
