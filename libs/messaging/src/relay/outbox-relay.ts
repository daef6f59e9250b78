import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { EventEnvelope } from '@profila/contracts';
import { backoffMs, Waker } from '../backoff.js';
import type { EventTransport } from '../transport/event-transport.js';

export interface OutboxRelayOptions {
  /** URL of the service database, for LISTEN. */
  databaseUrl: string;
  batchSize?: number;
  /** Polling fallback when no NOTIFY arrives (ms). */
  pollIntervalMs?: number;
  /** Published rows are deleted after this long (ms). */
  retentionMs?: number;
  logger?: Logger;
}

/**
 * Publishes the outbox in order per aggregate. Each round claims lanes with FOR UPDATE SKIP LOCKED (several
 * instances share them; one aggregate always maps to one lane), publishes a batch, marks it published, commits.
 * Woken by LISTEN/NOTIFY on insert, with a polling fallback; transport failures are retried with backoff.
 */
export class OutboxRelay {
  private abort = new AbortController();
  private readonly waker = new Waker();
  private loop?: Promise<void>;
  private listener?: pg.Client;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly options: OutboxRelayOptions,
  ) {}

  async start(): Promise<void> {
    await this.listen().catch((e: unknown) => this.options.logger?.warn({ err: e }, 'outbox LISTEN failed; polling'));
    this.abort = new AbortController();
    this.loop = this.run(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.waker.notify();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: 'profila-outbox-relay',
    });
    client.on('notification', () => this.waker.notify());
    client.on('error', (e) => {
      this.options.logger?.warn({ err: e }, 'outbox listener lost; polling until restart');
      if (this.listener === client) this.listener = undefined;
    });
    await client.connect();
    await client.query('LISTEN profila_outbox');
    this.listener = client;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const published = await this.relayOnce();
        failures = 0;
        if (published === 0) {
          await this.cleanup();
          await this.waker.wait(this.options.pollIntervalMs ?? 1000, signal);
        }
      } catch (error) {
        if (signal.aborted) break;
        failures++;
        this.options.logger?.error({ err: error, failures }, 'outbox relay failed; retrying');
        await this.waker.wait(backoffMs(failures, 200, 30_000), signal);
        this.waker.notify(); // retry right after the backoff, do not wait for the next insert
      }
    }
  }

  /** One round: returns how many events were published. */
  async relayOnce(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const lanes = (await runner.query(`SELECT lane FROM outbox_lane FOR UPDATE SKIP LOCKED`)) as Array<{
        lane: number;
      }>;
      if (lanes.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      const rows = (await runner.query(
        `SELECT seq, topic, key, envelope FROM outbox
         WHERE published_at IS NULL AND lane = ANY($1) ORDER BY seq LIMIT $2`,
        [lanes.map((l) => l.lane), this.options.batchSize ?? 1000],
      )) as Array<{ seq: string; topic: string; key: string; envelope: EventEnvelope }>;
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      try {
        await this.transport.publish(rows.map((r) => ({ topic: r.topic, key: r.key, envelope: r.envelope })));
      } catch (error) {
        await runner.rollbackTransaction();
        await this.dataSource
          .query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1)`, [
            rows.map((r) => r.seq),
            String(error).slice(0, 2000),
          ])
          .catch(() => undefined);
        throw error;
      }
      await runner.query(`UPDATE outbox SET published_at = now() WHERE seq = ANY($1)`, [rows.map((r) => r.seq)]);
      await runner.commitTransaction();
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async cleanup(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    const retention = this.options.retentionMs ?? 7 * 24 * 3600 * 1000;
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - ($1 || ' milliseconds')::interval`, [
      String(retention),
    ]);
  }
}
