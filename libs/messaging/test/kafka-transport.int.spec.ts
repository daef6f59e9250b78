import { FakeKafka } from '@profila/testing';
import { deadLetterTopic, KafkaEventTransport } from '../src/transport/kafka/kafka.transport.js';
import { Collector, describeTransportContract, idOf, message, seqOf, waitUntil } from './transport-contract.js';

// No Kafka broker runs here: the transport runs against FakeKafka at the kafkajs boundary (see docs/adr/0002).
const fastRetries = { initialRetryTime: 20, maxRetryTime: 200, retries: 5 };

describeTransportContract('kafka', async () => {
  const kafka = new FakeKafka({ retry: fastRetries, maxBatchSize: 50 });
  return { create: () => new KafkaEventTransport({ brokers: ['fake:9092'], clientId: 'contract', kafka }) };
});

describe('kafka event transport', () => {
  let kafka: FakeKafka;
  const opened: KafkaEventTransport[] = [];
  const open = (options: { onError?: (e: unknown) => void } = {}) => {
    const transport = new KafkaEventTransport({ brokers: ['fake:9092'], clientId: 'profila-test', kafka, ...options });
    opened.push(transport);
    return transport;
  };

  beforeEach(() => {
    kafka = new FakeKafka({ retry: fastRetries, maxBatchSize: 20 });
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((t) => t.close()));
  });

  it('creates the topic with 4 partitions and writes key, JSON envelope and event headers', async () => {
    const transport = open();
    const sent = [message('registry.organization.v1', 'org-1', 1), message('registry.organization.v1', 'org-1', 2)];
    await transport.publish(sent);

    expect(kafka.partitionCount('registry.organization.v1')).toBe(4);
    const records = kafka.records('registry.organization.v1');
    expect(records).toHaveLength(2);
    expect(records.map((r) => r.offset)).toEqual(['0', '1']); // same key, same partition, in order
    expect(records[0]).toMatchObject({
      key: 'org-1',
      headers: {
        'event-id': sent[0].envelope.id,
        'event-type': 'contract.happened',
        'event-version': '1',
        'correlation-id': sent[0].envelope.correlationId,
      },
    });
    expect(JSON.parse(records[1].value!)).toEqual(sent[1].envelope);
  });

  it('survives a broker failure that loses the acknowledgement without duplicating messages', async () => {
    const transport = open();
    const topic = 'flaky.thing.v1';
    const collector = new Collector();
    await transport.subscribe({ groupId: 'flaky', topics: [topic], handler: collector.handler });

    kafka.failNextSend({ ackLost: true, times: 2 }); // written twice by the broker's view, acked on the third try
    const sent = Array.from({ length: 10 }, (_, i) => message(topic, `org-${i % 3}`, i));
    await transport.publish(sent);
    await collector.waitForIds(sent.map((m) => m.envelope.id));

    expect(kafka.records(topic)).toHaveLength(10);
    expect(collector.handled).toHaveLength(10);
  });

  it('rejects the publish on a non-retriable broker error and works again afterwards', async () => {
    const transport = open();
    const topic = 'broken.thing.v1';
    kafka.failNextSend({ retriable: false });
    await expect(transport.publish([message(topic, 'org-1', 1)])).rejects.toThrow(/Broker failure/);
    expect(kafka.records(topic)).toHaveLength(0);

    await transport.publish([message(topic, 'org-1', 2)]);
    expect(kafka.records(topic)).toHaveLength(1);
  });

  it('keeps redelivering after kafkajs gives up and restarts the consumer, even on a TypeError', async () => {
    const errors: unknown[] = [];
    const transport = open({ onError: (e) => errors.push(e) });
    const topic = 'poison.thing.v1';
    let attempts = 0;
    const collector = new Collector(async () => {
      // More failures than the consumer's retries (5): kafkajs crashes and restarts it from the committed offset.
      if (++attempts <= 8) throw new TypeError('handler bug');
    });
    await transport.subscribe({ groupId: 'poison', topics: [topic], handler: collector.handler });
    const sent = [message(topic, 'org-1', 1), message(topic, 'org-1', 2)];
    await transport.publish(sent);

    await collector.waitForIds(sent.map((m) => m.envelope.id));
    expect(collector.handled.map(seqOf)).toEqual([1, 2]);
    expect(collector.deliveries.filter((d) => d.failed)).toHaveLength(8);
    expect(collector.deliveries.every((d) => d.batch[0].offset === '0')).toBe(true);
    expect(errors).toHaveLength(8);
  });

  it('hands partitions over when an instance joins mid-stream, without losing or repeating messages', async () => {
    const [first, second] = [open(), open()];
    const topic = 'rebalance.thing.v1';
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 10));
    const [a, b] = [new Collector(slow), new Collector(slow)];
    await first.subscribe({ groupId: 'rebalance', topics: [topic], handler: a.handler });
    const sent = Array.from({ length: 400 }, (_, i) => message(topic, `org-${i % 16}`, i));
    await first.publish(sent);
    await waitUntil('the first instance to be busy', () => a.handled.length > 0);

    await second.subscribe({ groupId: 'rebalance', topics: [topic], handler: b.handler });
    const all = sent.map((m) => m.envelope.id);
    await waitUntil('every message', () => {
      const seen = new Set([...a.ids(), ...b.ids()]);
      return all.every((id) => seen.has(id));
    });

    expect(b.handled.length).toBeGreaterThan(0);
    const handled = [...a.handled, ...b.handled];
    expect(handled).toHaveLength(400);
    for (let k = 0; k < 16; k++) {
      // Whoever handled a key's messages, they came in order: a partition moves only at a committed offset.
      const seqs = [
        ...a.handled.filter((m) => m.key === `org-${k}`),
        ...b.handled.filter((m) => m.key === `org-${k}`),
      ].map(seqOf);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
  });

  it('parks a dead letter on <group>.dlt with the original message and why it failed', async () => {
    const transport = open();
    const topic = 'dlt.thing.v1';
    const collector = new Collector();
    await transport.subscribe({ groupId: 'notifier', topics: [topic], handler: collector.handler });
    const sent = message(topic, 'org-9', 1);
    await transport.publish([sent]);
    await collector.waitForIds([sent.envelope.id]);

    await transport.publishDeadLetter('notifier', collector.handled[0], new Error('SMTP refused'));

    expect(deadLetterTopic('notifier')).toBe('notifier.dlt');
    const parked = new Collector();
    await open().subscribe({ groupId: 'dlt-reader', topics: ['notifier.dlt'], handler: parked.handler });
    await parked.waitForIds([sent.envelope.id]);
    expect(parked.handled[0]).toMatchObject({ key: 'org-9', envelope: sent.envelope });
    expect(kafka.records('notifier.dlt')[0].headers).toMatchObject({
      'event-id': sent.envelope.id,
      'dlt-group': 'notifier',
      'dlt-original-topic': topic,
      'dlt-original-offset': '0',
      'dlt-error': 'Error: SMTP refused',
    });
    expect(idOf(parked.handled[0])).toBe(sent.envelope.id);
  });
});
