import pg from 'pg';
import { createTestDatabase } from '@profila/testing';
import { PostgresEventTransport } from '../src/transport/postgres/postgres.transport.js';
import { Collector, describeTransportContract, idOf, message } from './transport-contract.js';

describeTransportContract('postgres', async () => {
  const url = await createTestDatabase('events');
  return { create: () => new PostgresEventTransport({ url, batchSize: 50 }) };
});

describe('postgres event transport', () => {
  let url: string;
  const opened: PostgresEventTransport[] = [];
  const open = (options: { pollIntervalMs?: number } = {}) => {
    const transport = new PostgresEventTransport({ url, ...options });
    opened.push(transport);
    return transport;
  };

  beforeAll(async () => {
    url = await createTestDatabase('events');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((t) => t.close()));
  });

  it('publishes all or nothing: one bad message rejects the whole publish and leaves nothing visible', async () => {
    const transport = open();
    const topic = 'atomic.thing.v1';
    const collector = new Collector();
    await transport.subscribe({ groupId: 'atomic', topics: [topic], handler: collector.handler });

    const broken = message(topic, 'org-2', 2);
    broken.envelope.id = 'not-a-uuid'; // fails inside the transaction, after the first rows were written
    await expect(transport.publish([message(topic, 'org-1', 1), broken, message(topic, 'org-3', 3)])).rejects.toThrow();

    const good = message(topic, 'org-1', 4);
    await transport.publish([good]);
    await collector.waitForIds([good.envelope.id]);
    expect(collector.handled.map(idOf)).toEqual([good.envelope.id]);
    expect(collector.handled[0].offset).toBe('0'); // the failed publish did not even use up offsets

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM event_log WHERE topic = $1', [
        topic,
      ]);
      expect(rows[0].n).toBe('1');
    } finally {
      await client.end();
    }
  });

  it('wakes an idle consumer with NOTIFY long before its polling interval', async () => {
    const transport = open({ pollIntervalMs: 10_000 });
    const topic = 'notify.thing.v1';
    const collector = new Collector();
    await transport.subscribe({ groupId: 'notify', topics: [topic], handler: collector.handler });
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the first (empty) poll go to sleep

    const started = Date.now();
    const sent = message(topic, 'org-1', 1);
    await open().publish([sent]);
    await collector.waitForIds([sent.envelope.id], 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('listens again after losing its LISTEN connection, and still wakes up on NOTIFY', async () => {
    const transport = open({ pollIntervalMs: 10_000 });
    const topic = 'relisten.thing.v1';
    const collector = new Collector();
    await transport.subscribe({ groupId: 'relisten', topics: [topic], handler: collector.handler });

    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const listeners = async () =>
        (
          await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity
             WHERE datname = current_database() AND application_name = 'profila-event-listener' AND state = 'idle'`,
          )
        ).rows.map((r) => r.pid);
      const [before] = await listeners();
      await admin.query('SELECT pg_terminate_backend($1)', [before]); // e.g. a database restart or failover
      let after: number[] = [];
      const deadline = Date.now() + 2_000;
      while (!after.some((pid) => pid !== before) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        after = await listeners();
      }
      expect(after.filter((pid) => pid !== before)).toHaveLength(1);
    } finally {
      await admin.end();
    }

    const sent = message(topic, 'org-1', 1);
    await open().publish([sent]);
    await collector.waitForIds([sent.envelope.id], 2_000);
  });
});
