import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@profila/contracts';
import type {
  BatchHandler,
  DeliveredMessage,
  EventTransport,
  OutgoingMessage,
} from '../src/transport/event-transport.js';

/** What a transport's spec file provides: each `create()` is one more process on the same event log / cluster. */
export interface TransportHarness {
  create(): EventTransport;
}

export type TransportFactory = () => Promise<TransportHarness>;

export type TestEnvelope = EventEnvelope<string, { seq: number; note?: string }>;

const uid = () => randomUUID().slice(0, 8);

export function envelope(aggregateId: string, seq: number, note?: string): TestEnvelope {
  return {
    id: randomUUID(),
    type: 'contract.happened',
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId,
    correlationId: `corr-${uid()}`,
    causationId: null,
    actor: { kind: 'operator', id: 'op-1', actingFor: '01234567890' },
    data: note === undefined ? { seq } : { seq, note },
  };
}

export function message(topic: string, key: string, seq: number, note?: string): OutgoingMessage {
  return { topic, key, envelope: envelope(key, seq, note) };
}

export const idOf = (m: DeliveredMessage): string => (m.envelope as TestEnvelope).id;
export const seqOf = (m: DeliveredMessage): number => (m.envelope as TestEnvelope).data.seq;

export async function waitUntil(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Records what a subscriber is given. `handled` holds the messages of batches whose handler resolved (that is what
 * the transport commits); `deliveries` every batch, failed ones included. Checks on every batch that it holds ONE
 * partition in offset order.
 */
export class Collector {
  readonly handled: DeliveredMessage[] = [];
  readonly deliveries: Array<{ batch: DeliveredMessage[]; failed: boolean }> = [];
  readonly violations: string[] = [];

  constructor(private readonly behaviour?: (batch: DeliveredMessage[]) => Promise<void>) {}

  readonly handler: BatchHandler = async (batch) => {
    for (let i = 0; i < batch.length; i++) {
      const m = batch[i];
      if (m.topic !== batch[0].topic || m.partition !== batch[0].partition) this.violations.push('mixed partitions');
      if (i > 0 && BigInt(m.offset) <= BigInt(batch[i - 1].offset)) this.violations.push('offsets out of order');
    }
    const delivery = { batch, failed: false };
    this.deliveries.push(delivery);
    try {
      await this.behaviour?.(batch);
    } catch (error) {
      delivery.failed = true;
      throw error;
    }
    this.handled.push(...batch);
  };

  ids(): Set<string> {
    return new Set(this.handled.map(idOf));
  }

  async waitForIds(ids: Iterable<string>, timeoutMs?: number): Promise<void> {
    const wanted = [...ids];
    await waitUntil(
      `${wanted.length} messages (have ${this.ids().size})`,
      () => {
        const seen = this.ids();
        return wanted.every((id) => seen.has(id));
      },
      timeoutMs,
    );
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The semantics every `EventTransport` adapter must have: at-least-once, ordered per key, one partition per batch
 * in offset order, commit on success and redelivery on failure, consumer groups sharing partitions, new groups from
 * the earliest message.
 */
export function describeTransportContract(name: string, factory: TransportFactory): void {
  describe(`${name} event transport (contract)`, () => {
    let harness: TransportHarness;
    const opened: EventTransport[] = [];
    const open = () => {
      const transport = harness.create();
      opened.push(transport);
      return transport;
    };

    beforeAll(async () => {
      harness = await factory();
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((t) => t.close()));
    });

    it('delivers what was published with the envelope intact, on its topic and key', async () => {
      const transport = open();
      const [orders, invoices] = [`contract.orders-${uid()}.v1`, `contract.invoices-${uid()}.v1`];
      const collector = new Collector();
      await transport.subscribe({ groupId: `g-${uid()}`, topics: [orders, invoices], handler: collector.handler });

      const sent = [message(orders, 'org-1', 1, 'àèìòù €'), message(invoices, 'org-2', 1), message(orders, 'org-1', 2)];
      await transport.publish(sent);
      await collector.waitForIds(sent.map((m) => m.envelope.id));

      for (const out of sent) {
        const got = collector.handled.find((m) => idOf(m) === out.envelope.id)!;
        expect(got.envelope).toEqual(out.envelope);
        expect(got.topic).toBe(out.topic);
        expect(got.key).toBe(out.key);
        expect(got.offset).toMatch(/^\d+$/);
        expect(Number.isInteger(got.partition) && got.partition >= 0).toBe(true);
      }
      const org1 = collector.handled.filter((m) => m.key === 'org-1');
      expect(org1.map(seqOf)).toEqual([1, 2]);
      expect(new Set(org1.map((m) => m.partition)).size).toBe(1);
      expect(collector.violations).toEqual([]);
    });

    it('keeps the order of each key across 1,000 messages on 50 keys, one partition per batch', async () => {
      const transport = open();
      const topic = `contract.order-${uid()}.v1`;
      const collector = new Collector();
      await transport.subscribe({ groupId: `g-${uid()}`, topics: [topic], handler: collector.handler });

      const keys = Array.from({ length: 50 }, (_, i) => `citizen-${i}`);
      const next = new Map(keys.map((k) => [k, 0]));
      const sent: OutgoingMessage[] = [];
      for (let publish = 0; publish < 10; publish++) {
        const batch: OutgoingMessage[] = [];
        for (let i = 0; i < 100; i++) {
          // Keys interleave differently in each publish call.
          const key = keys[(i * 7 + publish * 13) % keys.length];
          const seq = next.get(key)!;
          next.set(key, seq + 1);
          batch.push(message(topic, key, seq));
        }
        await transport.publish(batch);
        sent.push(...batch);
      }
      await collector.waitForIds(
        sent.map((m) => m.envelope.id),
        20_000,
      );

      expect(collector.violations).toEqual([]);
      for (const key of keys) {
        const seqs = collector.handled.filter((m) => m.key === key).map(seqOf);
        expect(seqs).toEqual(Array.from({ length: next.get(key)! }, (_, i) => i));
      }
    });

    it('two instances of one group share the partitions and together see every message exactly once', async () => {
      const [first, second] = [open(), open()];
      const topic = `contract.shared-${uid()}.v1`;
      const groupId = `g-${uid()}`;
      const slow = () => sleep(5); // keeps batches in flight so both instances have work to take
      const [a, b] = [new Collector(slow), new Collector(slow)];
      await first.subscribe({ groupId, topics: [topic], handler: a.handler });
      await second.subscribe({ groupId, topics: [topic], handler: b.handler });

      const sent: OutgoingMessage[] = [];
      for (let publish = 0; publish < 4; publish++) {
        const batch = Array.from({ length: 100 }, (_, i) => message(topic, `org-${i % 40}`, publish * 100 + i));
        await first.publish(batch);
        sent.push(...batch);
      }
      const all = sent.map((m) => m.envelope.id);
      await waitUntil('both instances to cover every message', () => {
        const seen = new Set([...a.ids(), ...b.ids()]);
        return all.every((id) => seen.has(id));
      });

      const handled = [...a.handled, ...b.handled].map(idOf);
      expect(handled.length).toBe(all.length);
      expect(new Set(handled)).toEqual(new Set(all));
      expect(a.handled.length).toBeGreaterThan(0);
      expect(b.handled.length).toBeGreaterThan(0);
    });

    it('gives every message to each group, and a group that starts later reads from the earliest', async () => {
      const transport = open();
      const topic = `contract.groups-${uid()}.v1`;
      const [early, late] = [new Collector(), new Collector()];
      await transport.subscribe({ groupId: `billing-${uid()}`, topics: [topic], handler: early.handler });

      const sent = Array.from({ length: 100 }, (_, i) => message(topic, `org-${i % 10}`, i));
      await transport.publish(sent);
      const all = sent.map((m) => m.envelope.id);
      await early.waitForIds(all);

      await open().subscribe({ groupId: `audit-${uid()}`, topics: [topic], handler: late.handler });
      await late.waitForIds(all);

      expect(early.handled.map(idOf).sort()).toEqual([...all].sort());
      expect(late.handled.map(idOf).sort()).toEqual([...all].sort());
    });

    it('redelivers the same messages after a handler rejection and skips nothing', async () => {
      const transport = open();
      const topic = `contract.retry-${uid()}.v1`;
      const sent = Array.from({ length: 30 }, (_, i) => message(topic, `org-${i % 3}`, i));
      const poison = sent[16].envelope.id;
      let failures = 0;
      const collector = new Collector(async (batch) => {
        if (failures === 0 && batch.some((m) => idOf(m) === poison)) {
          failures++;
          throw new Error('handler failed once');
        }
      });
      await transport.subscribe({ groupId: `g-${uid()}`, topics: [topic], handler: collector.handler });
      await transport.publish(sent);
      await collector.waitForIds(sent.map((m) => m.envelope.id));

      expect(failures).toBe(1);
      const failedAt = collector.deliveries.findIndex((d) => d.failed);
      const failed = collector.deliveries[failedAt].batch;
      const retried = collector.deliveries
        .slice(failedAt + 1)
        .find((d) => d.batch[0].topic === failed[0].topic && d.batch[0].partition === failed[0].partition)!.batch;
      // The partition starts again at the failed batch's first message, with the same messages in the same order.
      expect(retried[0].offset).toBe(failed[0].offset);
      expect(retried.slice(0, failed.length).map(idOf)).toEqual(failed.map(idOf).slice(0, retried.length));
      // Nothing skipped, nothing handled twice after success, order per key kept.
      expect(collector.handled.map(idOf).sort()).toEqual(sent.map((m) => m.envelope.id).sort());
      for (const key of ['org-0', 'org-1', 'org-2']) {
        const seqs = collector.handled.filter((m) => m.key === key).map(seqOf);
        expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      }
    });

    it('resumes a group after stop() from its last committed offset: no replay, no loss', async () => {
      const topic = `contract.resume-${uid()}.v1`;
      const groupId = `g-${uid()}`;
      const before = new Collector();
      const first = open();
      const subscription = await first.subscribe({ groupId, topics: [topic], handler: before.handler });
      const batchA = Array.from({ length: 20 }, (_, i) => message(topic, `org-${i % 4}`, i));
      await first.publish(batchA);
      await before.waitForIds(batchA.map((m) => m.envelope.id));
      await subscription.stop();

      const batchB = Array.from({ length: 20 }, (_, i) => message(topic, `org-${i % 4}`, 20 + i));
      await first.publish(batchB);
      const after = new Collector();
      await open().subscribe({ groupId, topics: [topic], handler: after.handler });
      await after.waitForIds(batchB.map((m) => m.envelope.id));

      const idsA = new Set(batchA.map((m) => m.envelope.id));
      expect(after.handled.filter((m) => idsA.has(idOf(m)))).toEqual([]);
      expect(after.handled.map(idOf).sort()).toEqual(batchB.map((m) => m.envelope.id).sort());
      expect(before.handled).toHaveLength(20); // the stopped subscriber got nothing more
    });

    it('treats publishing an empty list as a no-op', async () => {
      const transport = open();
      const topic = `contract.empty-${uid()}.v1`;
      await expect(transport.publish([])).resolves.toBeUndefined();

      const collector = new Collector();
      await transport.subscribe({ groupId: `g-${uid()}`, topics: [topic], handler: collector.handler });
      await expect(transport.publish([])).resolves.toBeUndefined();
      const only = message(topic, 'org-1', 1);
      await transport.publish([only]);
      await collector.waitForIds([only.envelope.id]);

      expect(collector.handled).toHaveLength(1);
      expect(collector.handled[0].offset).toBe('0'); // the empty publishes took no offsets
    });
  });
}
