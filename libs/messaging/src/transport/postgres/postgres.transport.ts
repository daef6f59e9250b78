import pg from 'pg';
import { Waker } from '../../backoff.js';
import {
  type DeliveredMessage,
  type EventTransport,
  type OutgoingMessage,
  partitionOf,
  type SubscribeOptions,
  type Subscription,
} from '../event-transport.js';
import { ensureEventLogSchema } from './event-log.schema.js';

export interface PostgresTransportOptions {
  /** postgres:// URL of the event log database. */
  url: string;
  /** Partitions per topic: every producer must use the same number. */
  partitions?: number;
  /** Messages fetched per partition and poll. */
  batchSize?: number;
  /** Partitions one consumer instance claims per poll: lets several instances of a group share the work. */
  partitionsPerPoll?: number;
  /** Polling fallback when no NOTIFY arrives. */
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
}

const CHANNEL = 'profila_event_log';
/** Partitions per topic unless configured: every producer and consumer of one event log must agree. */
export const DEFAULT_EVENT_LOG_PARTITIONS = 4;
const guarded = new WeakSet<pg.PoolClient>();

/** A checked-out client has no error listener of the pool's: without one, a server restart would crash the process. */
async function checkout(pool: pg.Pool, onError?: (e: unknown) => void): Promise<pg.PoolClient> {
  const client = await pool.connect();
  if (!guarded.has(client)) {
    guarded.add(client);
    client.on('error', (e) => onError?.(e));
  }
  return client;
}

/**
 * The `postgres` event transport: an append-only log table partitioned by key hash, consumer groups with committed
 * offsets, partitions claimed with FOR UPDATE SKIP LOCKED (so instances of a group share them), woken by LISTEN/NOTIFY.
 */
export class PostgresEventTransport implements EventTransport {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly partitions: number;
  private ready?: Promise<void>;
  private listener?: pg.Client;
  private readonly wakers = new Set<{ topics: Set<string>; waker: Waker }>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: PostgresTransportOptions) {
    this.pool = new pg.Pool({ connectionString: options.url, max: 10, application_name: 'profila-event-log' });
    this.pool.on('error', (e) => options.onError?.(e));
    this.partitions = options.partitions ?? DEFAULT_EVENT_LOG_PARTITIONS;
  }

  private init(): Promise<void> {
    this.ready ??= ensureEventLogSchema(this.pool);
    return this.ready;
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.init();
    // Group by (topic, partition) keeping the given order inside each group.
    const groups = new Map<string, { topic: string; partition: number; items: OutgoingMessage[] }>();
    for (const m of messages) {
      const partition = partitionOf(m.key, this.partitions);
      const id = `${m.topic}\u0000${partition}`;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { topic: m.topic, partition, items: [] }));
      g.items.push(m);
    }
    // Lock partition counters in a fixed order: no deadlock between concurrent producers.
    const ordered = [...groups.values()].sort((a, b) =>
      a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
    );
    const client = await checkout(this.pool, this.options.onError);
    try {
      await client.query('BEGIN');
      for (const g of ordered) {
        const n = g.items.length;
        // The counter row stays locked until COMMIT, so offsets of a partition become visible in order.
        const { rows } = await client.query<{ next_offset: string }>(
          `INSERT INTO event_log_partition (topic, partition, next_offset) VALUES ($1, $2, $3)
           ON CONFLICT (topic, partition) DO UPDATE SET next_offset = event_log_partition.next_offset + $3
           RETURNING next_offset`,
          [g.topic, g.partition, n],
        );
        const base = BigInt(rows[0].next_offset) - BigInt(n);
        // One JSON document for the whole group: PostgreSQL unpacks it (cheaper than array literals per column).
        await client.query(
          `INSERT INTO event_log (topic, partition, "offset", key, event_id, event_type, envelope)
           SELECT $1, $2, $3::bigint + i - 1, m->>'k', (m->'e'->>'id')::uuid, m->'e'->>'type', m->'e'
           FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS u(m, i)`,
          [g.topic, g.partition, base.toString(), JSON.stringify(g.items.map((m) => ({ k: m.key, e: m.envelope })))],
        );
      }
      const topics = [...new Set(messages.map((m) => m.topic))];
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, topics.join(',')]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async ensureListener(): Promise<void> {
    if (this.listener) return;
    const client = new pg.Client({ connectionString: this.options.url, application_name: 'profila-event-listener' });
    this.listener = client;
    client.on('error', (e) => {
      this.options.onError?.(e);
      // Polling keeps things moving; the consume loops listen again on their next poll, which starts now because
      // notifications may have been missed while the connection was down.
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      for (const w of this.wakers) w.waker.notify();
    });
    client.on('notification', (n) => {
      const topics = (n.payload ?? '').split(',');
      for (const w of this.wakers) if (topics.some((t) => w.topics.has(t))) w.waker.notify();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      if (this.listener === client) this.listener = undefined;
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.init();
    await this.ensureListener();
    await this.pool.query(
      `INSERT INTO consumer_offset (group_id, topic, partition)
       SELECT $1, t, p FROM unnest($2::text[]) AS t, generate_series(0, $3 - 1) AS p
       ON CONFLICT DO NOTHING`,
      [options.groupId, options.topics, this.partitions],
    );
    const abort = new AbortController();
    const entry = { topics: new Set(options.topics), waker: new Waker() };
    this.wakers.add(entry);
    const loop = this.consumeLoop(options, entry.waker, abort.signal);
    const subscription: Subscription = {
      stop: async () => {
        abort.abort();
        entry.waker.notify();
        await loop;
        this.wakers.delete(entry);
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  private async consumeLoop(options: SubscribeOptions, waker: Waker, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (!this.listener && !this.closed) await this.ensureListener();
        const delivered = await this.pollOnce(options, signal);
        failures = 0;
        if (delivered === 0) await waker.wait(this.options.pollIntervalMs ?? 1000, signal);
      } catch (error) {
        if (signal.aborted) break;
        this.options.onError?.(error);
        failures++;
        await waker.wait(Math.min(30_000, 200 * 2 ** Math.min(failures, 8)), signal);
      }
    }
  }

  /** Claims some partitions of the group, hands their new messages to the handler, commits offsets. */
  private async pollOnce(options: SubscribeOptions, signal: AbortSignal): Promise<number> {
    const client = await checkout(this.pool, this.options.onError);
    let delivered = 0;
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows: claimed } = await client.query<{ topic: string; partition: number; committed: string }>(
        `SELECT c.topic, c.partition, c.committed FROM consumer_offset c
         WHERE c.group_id = $1 AND c.topic = ANY($2)
           AND EXISTS (SELECT 1 FROM event_log_partition p
                       WHERE p.topic = c.topic AND p.partition = c.partition AND p.next_offset - 1 > c.committed)
         ORDER BY c.updated_at
         LIMIT $3
         FOR UPDATE OF c SKIP LOCKED`,
        [options.groupId, options.topics, this.options.partitionsPerPoll ?? 2],
      );
      for (const part of claimed) {
        if (signal.aborted) break;
        const { rows } = await client.query<{ offset: string; key: string; envelope: unknown }>(
          `SELECT "offset", key, envelope FROM event_log
           WHERE topic = $1 AND partition = $2 AND "offset" > $3 ORDER BY "offset" LIMIT $4`,
          [part.topic, part.partition, part.committed, this.options.batchSize ?? 500],
        );
        if (rows.length === 0) continue;
        const batch: DeliveredMessage[] = rows.map((r) => ({
          topic: part.topic,
          partition: part.partition,
          offset: r.offset,
          key: r.key,
          envelope: r.envelope,
        }));
        try {
          await options.handler(batch);
        } catch (error) {
          // Nothing of this batch is committed (it is delivered again on a later poll); earlier batches are.
          failure = error instanceof Error ? error : new Error(String(error));
          break;
        }
        await client.query(
          'UPDATE consumer_offset SET committed = $4, updated_at = now() WHERE group_id = $1 AND topic = $2 AND partition = $3',
          [options.groupId, part.topic, part.partition, batch[batch.length - 1].offset],
        );
        delivered += batch.length;
      }
      await client.query('COMMIT');
      if (failure) throw failure;
      return delivered;
    } catch (error) {
      if (!failure || error !== failure) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
