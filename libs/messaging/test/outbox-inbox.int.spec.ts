import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope, EventOf } from '@profila/contracts';
import {
  ConsumerRunner,
  type DeliveredMessage,
  type EventConsumer,
  MessagingTables1763900000000,
  OutboxRelay,
  OutboxService,
  PostgresEventTransport,
} from '@profila/messaging';
import { serviceDataSourceOptions } from '@profila/persistence';
import { requestContext } from '@profila/platform';
import { createTestDatabase } from '@profila/testing';

const citizen = (cf: string) => ({
  codiceFiscale: cf,
  nome: 'Anna',
  cognome: 'Neri',
  email: null,
  source: 'spid' as const,
});

function envelope(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    id: randomUUID(),
    type: 'citizen.registered',
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId: 'NRENNA80A41H501X',
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'system', id: 'system' },
    data: citizen('NRENNA80A41H501X'),
    ...overrides,
  };
}

const delivered = (env: unknown, offset = 0): DeliveredMessage => ({
  topic: 'identity.citizen.v1',
  partition: 0,
  offset: String(offset),
  key: 'k',
  envelope: env,
});

/** A consumer whose effect is NOT idempotent by itself (a counter), so a duplicate would show. */
class CountingConsumer implements EventConsumer {
  readonly group = 'test.counting';
  readonly topics = ['identity.citizen.v1'];
  failuresLeft = 0;
  /** Events that fail every time (a poisoned event). */
  poisoned = new Set<string>();
  seen: EventEnvelope[] = [];

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (this.poisoned.has(event.id)) throw new Error('temporary failure');
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('temporary failure');
    }
    this.seen.push(event);
    await manager.query('UPDATE effect_counter SET n = n + 1');
  }
}

describe('outbox, relay and inbox on a real PostgreSQL', () => {
  let ds: DataSource;
  let url: string;
  const outbox = new OutboxService();

  beforeAll(async () => {
    url = await createTestDatabase('outbox');
    ds = new DataSource(serviceDataSourceOptions({ url, entities: [], migrations: [MessagingTables1763900000000] }));
    await ds.initialize();
    await ds.query('CREATE TABLE effect_counter (n int NOT NULL)');
    await ds.query('INSERT INTO effect_counter VALUES (0)');
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  const counter = async () => Number((await ds.query<Array<{ n: number }>>('SELECT n FROM effect_counter'))[0].n);

  it('records events only inside a transaction, with the request context in the envelope', async () => {
    await expect(outbox.add(ds.manager, 'citizen.registered', 'X', citizen('NRENNA80A41H501X'))).rejects.toThrow(
      /inside a transaction/,
    );
    const env = await requestContext.run(
      { requestId: 'req-9', correlationId: 'corr-9', actor: { kind: 'citizen', id: 'NRENNA80A41H501X' } },
      () => ds.transaction((m) => outbox.add(m, 'citizen.registered', 'NRENNA80A41H501X', citizen('NRENNA80A41H501X'))),
    );
    expect(env).toMatchObject({
      correlationId: 'corr-9',
      causationId: 'req-9',
      actor: { kind: 'citizen' },
      version: 1,
    });
    const rows = await ds.query<Array<{ topic: string }>>('SELECT topic FROM outbox WHERE id = $1', [env.id]);
    expect(rows).toEqual([{ topic: 'identity.citizen.v1' }]);
  });

  it('a rolled-back use case leaves no event behind, and a payload that breaks its contract fails the transaction', async () => {
    const before = (await ds.query<unknown[]>('SELECT 1 FROM outbox')).length;
    await expect(
      ds.transaction(async (m) => {
        await outbox.add(m, 'citizen.registered', 'A', citizen('NRENNA80A41H501X'));
        throw new Error('use case failed after writing');
      }),
    ).rejects.toThrow('use case failed');
    await expect(
      ds.transaction((m) => outbox.add(m, 'citizen.registered', 'B', { ...citizen('bad cf'), codiceFiscale: 'bad' })),
    ).rejects.toThrow(/Invalid event/);
    expect((await ds.query<unknown[]>('SELECT 1 FROM outbox')).length).toBe(before);
  });

  it('two relays share the outbox and keep each aggregate in order', async () => {
    const eventsUrl = await createTestDatabase('events');
    const transport = new PostgresEventTransport({ url: eventsUrl, pollIntervalMs: 200 });
    await ds.query('DELETE FROM outbox');
    const keys = Array.from({ length: 20 }, (_, i) => `AGG${i}`);
    for (let round = 0; round < 10; round++) {
      await ds.transaction((m) =>
        outbox.addMany(
          m,
          keys.map((k) => ({
            type: 'citizen.updated' as const,
            aggregateId: k,
            data: { ...citizen('NRENNA80A41H501X'), nome: `v${round}` },
          })),
        ),
      );
    }
    const relays = [1, 2].map(
      () => new OutboxRelay(ds, transport, { databaseUrl: url, batchSize: 37, pollIntervalMs: 100 }),
    );
    const received: Array<EventOf<'citizen.updated'>> = [];
    const sub = await transport.subscribe({
      groupId: 'order-check',
      topics: ['identity.citizen.v1'],
      handler: async (batch) => {
        for (const m of batch) received.push(m.envelope as EventOf<'citizen.updated'>);
      },
    });
    await Promise.all(relays.map((r) => r.start()));
    const deadline = Date.now() + 20_000;
    while (received.length < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await Promise.all(relays.map((r) => r.stop()));
    await sub.stop();
    await transport.close();
    expect(received).toHaveLength(200);
    for (const k of keys) {
      expect(received.filter((e) => e.aggregateId === k).map((e) => e.data.nome)).toEqual(
        Array.from({ length: 10 }, (_, i) => `v${i}`),
      );
    }
    expect(await ds.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL')).toEqual([{ n: 0 }]);
  });

  it('the inbox makes a redelivered batch a no-op', async () => {
    const consumer = new CountingConsumer();
    const runner = new ConsumerRunner(ds, undefined as never, consumer);
    const start = await counter();
    const batch = [delivered(envelope(), 0), delivered(envelope(), 1)];
    await runner.handleBatch(batch);
    await runner.handleBatch(batch); // same events again
    expect((await counter()) - start).toBe(2);
    expect(consumer.seen).toHaveLength(2);
  });

  it('retries a failing event, then parks it in the dead-letter store; replay applies it once', async () => {
    const consumer = new CountingConsumer();
    const deadLettersPublished: string[] = [];
    const transport = {
      publishDeadLetter: async (group: string) => {
        deadLettersPublished.push(group);
      },
    };
    const runner = new ConsumerRunner(ds, transport as never, consumer, { maxAttempts: 3, retryBaseMs: 1 });
    const start = await counter();

    consumer.failuresLeft = 2; // fails twice then succeeds: no dead letter
    const recovering = envelope();
    await runner.handleBatch([delivered(recovering)]);
    expect((await counter()) - start).toBe(1);

    const poisoned = envelope();
    const good = envelope();
    consumer.poisoned.add(poisoned.id);
    await runner.handleBatch([delivered(poisoned, 5), delivered(good, 6)]);
    expect((await counter()) - start).toBe(2); // the good one after it still went through
    const parked = await ds.query<Array<{ id: string; event_id: string; attempts: number; error: string }>>(
      'SELECT id, event_id, attempts, error FROM dead_letter WHERE consumer_group = $1 AND replayed_at IS NULL',
      [consumer.group],
    );
    expect(parked).toEqual([
      expect.objectContaining({ event_id: poisoned.id, attempts: 3, error: 'Error: temporary failure' }),
    ]);
    expect(deadLettersPublished).toEqual([consumer.group]);

    consumer.poisoned.clear(); // the bug is fixed
    await expect(runner.replay(parked[0].id)).resolves.toBe('replayed');
    await expect(runner.replay(parked[0].id)).rejects.toThrow(/No pending dead letter/);
    expect((await counter()) - start).toBe(3);
  });

  it('an event that breaks its contract goes straight to the dead-letter store, without retries', async () => {
    const consumer = new CountingConsumer();
    const runner = new ConsumerRunner(ds, {} as never, consumer, { maxAttempts: 5, retryBaseMs: 1 });
    const bad = envelope({ data: { codiceFiscale: 42 } });
    await runner.handleBatch([delivered(bad)]);
    const parked = await ds.query<Array<{ attempts: number; error: string }>>(
      'SELECT attempts, error FROM dead_letter WHERE event_id = $1',
      [bad.id],
    );
    expect(parked).toEqual([
      expect.objectContaining({ attempts: 1, error: expect.stringMatching(/^InvalidEventError/) }),
    ]);
    expect(consumer.seen).toHaveLength(0);
  });
});
