import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { type EventEnvelope, InvalidEventError, validateEvent } from '@profila/contracts';
import { requestContext } from '@profila/platform';
import { backoffMs, sleep } from '../backoff.js';
import type { DeliveredMessage, EventTransport, Subscription } from '../transport/event-transport.js';
import type { EventConsumer } from './event-consumer.js';

export interface ConsumerRunnerOptions {
  /** Tries before a failing event goes to the dead-letter store. */
  maxAttempts?: number;
  retryBaseMs?: number;
  logger?: Logger;
}

/**
 * Feeds transport batches to a consumer: validates each event against its contract, de-duplicates by event id in
 * the `inbox` table inside the same transaction as the handler's effects, retries failures with backoff and
 * parks events that keep failing in `dead_letter` (visible and replayable).
 */
export class ConsumerRunner {
  private subscription?: Subscription;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly consumer: EventConsumer,
    private readonly options: ConsumerRunnerOptions = {},
  ) {}

  async start(): Promise<void> {
    this.subscription = await this.transport.subscribe({
      groupId: this.consumer.group,
      topics: this.consumer.topics,
      handler: (batch) => this.handleBatch(batch),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }

  async handleBatch(batch: DeliveredMessage[]): Promise<void> {
    // Fast path: the whole batch in one transaction, with one inbox statement for all of it.
    try {
      await this.dataSource.transaction(async (manager) => {
        const events = batch.map((m) => validateEvent(m.envelope));
        const fresh = await this.recordInInbox(manager, events);
        for (const event of events) if (fresh.delete(event.id)) await this.runHandler(event, manager);
      });
      return;
    } catch (error) {
      this.options.logger?.warn({ err: error, group: this.consumer.group }, 'batch failed; retrying one by one');
    }
    // Slow path: one event at a time, in order, each with its retries, then the dead-letter store.
    for (const message of batch) await this.processWithRetries(message);
  }

  private async processWithRetries(message: DeliveredMessage): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.transaction((manager) => this.processOne(manager, message));
        return;
      } catch (error) {
        if (error instanceof InvalidEventError || attempt >= maxAttempts) {
          await this.deadLetter(message, error, attempt);
          return;
        }
        this.options.logger?.warn(
          { err: error, attempt, group: this.consumer.group },
          'event handler failed; retrying',
        );
        await sleep(backoffMs(attempt, this.options.retryBaseMs ?? 100, 10_000));
      }
    }
  }

  /** Returns false when the event was already processed by this group. */
  async processOne(manager: EntityManager, message: DeliveredMessage): Promise<boolean> {
    const event = validateEvent(message.envelope);
    if ((await this.recordInInbox(manager, [event])).size === 0) return false;
    await this.runHandler(event, manager);
    return true;
  }

  /** Inserts the events' ids in the inbox; returns the ids that were not there yet (the ones to handle). */
  private async recordInInbox(manager: EntityManager, events: EventEnvelope[]): Promise<Set<string>> {
    const inserted = await manager.query<Array<{ event_id: string }>>(
      `INSERT INTO inbox (consumer_group, event_id, event_type)
       SELECT $1, id, t FROM unnest($2::uuid[], $3::text[]) AS u(id, t)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.consumer.group, events.map((e) => e.id), events.map((e) => e.type)],
    );
    return new Set(inserted.map((r) => r.event_id));
  }

  private runHandler(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return requestContext.run(
      { requestId: event.id, correlationId: event.correlationId, causationId: event.id, actor: event.actor },
      () => this.consumer.handle(event, manager),
    );
  }

  private async deadLetter(message: DeliveredMessage, error: unknown, attempts: number): Promise<void> {
    const envelope = message.envelope as Partial<EventEnvelope> | null;
    this.options.logger?.error(
      { err: error, group: this.consumer.group, eventId: envelope?.id, attempts },
      'event moved to the dead-letter store',
    );
    await this.dataSource.query(
      `INSERT INTO dead_letter (consumer_group, topic, event_id, event_type, envelope, error, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        this.consumer.group,
        message.topic,
        typeof envelope?.id === 'string' ? envelope.id : null,
        typeof envelope?.type === 'string' ? envelope.type : null,
        JSON.stringify(message.envelope),
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        attempts,
      ],
    );
    await this.transport.publishDeadLetter?.(this.consumer.group, message, error);
  }

  /** Runs a parked event again (after a fix); it is recorded as processed only if the handler succeeds. */
  async replay(deadLetterId: string): Promise<'replayed' | 'already-processed'> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ topic: string; envelope: unknown }>>(
        `SELECT topic, envelope FROM dead_letter WHERE id = $1 AND consumer_group = $2 AND replayed_at IS NULL FOR UPDATE`,
        [deadLetterId, this.consumer.group],
      );
      if (rows.length === 0) throw new Error(`No pending dead letter ${deadLetterId} for ${this.consumer.group}`);
      const processed = await this.processOne(manager, {
        topic: rows[0].topic,
        partition: -1,
        offset: '-1',
        key: '',
        envelope: rows[0].envelope,
      });
      await manager.query(`UPDATE dead_letter SET replayed_at = now() WHERE id = $1`, [deadLetterId]);
      return processed ? 'replayed' : 'already-processed';
    });
  }
}
