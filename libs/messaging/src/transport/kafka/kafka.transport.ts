import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type {
  Admin,
  Consumer,
  ConsumerConfig,
  ConsumerCrashEvent,
  EachBatchPayload,
  IHeaders,
  KafkaMessage,
  Message,
  Producer,
  ProducerConfig,
  TopicMessages,
} from 'kafkajs';
import type {
  DeliveredMessage,
  EventTransport,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from '../event-transport.js';

/** The part of a kafkajs producer this transport uses. */
export type KafkaProducerLike = Pick<Producer, 'connect' | 'disconnect' | 'sendBatch'>;

/** The part of a kafkajs consumer this transport uses. */
export interface KafkaConsumerLike extends Pick<Consumer, 'connect' | 'disconnect' | 'subscribe' | 'run'> {
  on(eventName: 'consumer.crash', listener: (event: ConsumerCrashEvent) => void): () => void;
}

/** The part of a kafkajs admin client this transport uses. */
export type KafkaAdminLike = Pick<Admin, 'connect' | 'disconnect' | 'createTopics'>;

/** The minimal kafkajs surface: `new Kafka(...)` in production, `FakeKafka` from `@profila/testing` in tests. */
export interface KafkaLike {
  producer(config?: ProducerConfig): KafkaProducerLike;
  consumer(config: ConsumerConfig): KafkaConsumerLike;
  admin(): KafkaAdminLike;
}

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /** Defaults to `new Kafka({ clientId, brokers })`. */
  kafka?: KafkaLike;
  /** Partitions of the topics this transport creates (existing topics are left as they are). */
  partitions?: number;
  /** Replication factor of the topics it creates; -1 takes the broker's default. */
  replicationFactor?: number;
  /** While a batch handler runs, the consumer heartbeats this often so that a slow batch keeps its partitions. */
  heartbeatIntervalMs?: number;
  onError?: (error: unknown) => void;
}

/** Kafka headers written on every message: consumers and tools can route without parsing the value. */
export const KAFKA_HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  eventVersion: 'event-version',
  correlationId: 'correlation-id',
  dltGroup: 'dlt-group',
  dltTopic: 'dlt-original-topic',
  dltPartition: 'dlt-original-partition',
  dltOffset: 'dlt-original-offset',
  dltError: 'dlt-error',
} as const;

/** Topic where a consumer group parks the messages it gave up on. */
export function deadLetterTopic(groupId: string): string {
  return `${groupId}.dlt`;
}

/**
 * Thrown from `eachBatch` when the handler rejects. kafkajs then retries the fetch from the last resolved offset
 * (the batch was not resolved, so the same messages come again) and, after its retries, restarts the consumer from
 * the committed offsets. It is marked retriable on purpose: kafkajs gives up for good on errors it deems
 * unrecoverable (a TypeError from a buggy handler would otherwise stop the consumer without a restart).
 */
export class KafkaHandlerError extends Error {
  override readonly name = 'KafkaHandlerError';
  readonly retriable = true;

  constructor(topic: string, partition: number, firstOffset: string, cause: unknown) {
    super(`Batch handler failed on ${topic}[${partition}] from offset ${firstOffset}: ${describe(cause)}`, { cause });
  }
}

/**
 * The `kafka` event transport (kafkajs): idempotent producer with acks from all in-sync replicas, one consumer per
 * subscription with manual commits after the handler succeeds. Keys are aggregate ids, so the default (Java
 * compatible) partitioner keeps one aggregate's events in one partition, in order.
 */
export class KafkaEventTransport implements EventTransport {
  readonly kind = 'kafka' as const;
  private readonly kafka: KafkaLike;
  private producer?: Promise<KafkaProducerLike>;
  private admin?: Promise<KafkaAdminLike>;
  private readonly topics = new Map<string, Promise<void>>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: KafkaTransportOptions) {
    this.kafka =
      options.kafka ?? new Kafka({ clientId: options.clientId, brokers: options.brokers, logLevel: logLevel.WARN });
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.assertOpen();
    // One entry per topic, in order of first appearance; each keeps the given order of its messages.
    const byTopic = new Map<string, TopicMessages>();
    for (const m of messages) {
      let entry = byTopic.get(m.topic);
      if (!entry) byTopic.set(m.topic, (entry = { topic: m.topic, messages: [] }));
      entry.messages.push(toKafkaMessage(m));
    }
    await this.ensureTopics([...byTopic.keys()]);
    const producer = await this.connectedProducer();
    await producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1 });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    await this.ensureTopics(options.topics);
    const consumer = this.kafka.consumer({ groupId: options.groupId });
    consumer.on('consumer.crash', (event) => {
      if (!event.payload.restart) this.options.onError?.(event.payload.error);
    });
    await consumer.connect();
    try {
      // fromBeginning only applies while the group has no committed offset: a new group reads from the earliest.
      await consumer.subscribe({ topics: options.topics, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.handleBatch(options, payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    let stopped: Promise<void> | undefined;
    const subscription: Subscription = {
      stop: () => {
        // kafkajs waits for the batch in progress, then leaves the group so its partitions move at once.
        stopped ??= consumer.disconnect().finally(() => this.subscriptions.delete(subscription));
        return stopped;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  private async handleBatch(options: SubscribeOptions, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    const messages = batch.messages.map((m) => toDelivered(batch.topic, batch.partition, m));
    const keepAlive = setInterval(() => {
      heartbeat().catch(() => undefined); // a rebalance is noticed again after the commit below
    }, this.options.heartbeatIntervalMs ?? 3000);
    try {
      await options.handler(messages);
    } catch (error) {
      this.options.onError?.(error);
      // Nothing resolved nor committed: kafkajs fetches this partition again from the batch's first offset.
      throw new KafkaHandlerError(batch.topic, batch.partition, messages[0].offset, error);
    } finally {
      clearInterval(keepAlive);
    }
    const last = messages[messages.length - 1].offset;
    resolveOffset(last);
    // Kafka's committed offset is the next one to read.
    await commitOffsetsIfNecessary({
      topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset(last) }] }],
    });
    await heartbeat();
  }

  async publishDeadLetter(groupId: string, message: DeliveredMessage, error: unknown): Promise<void> {
    this.assertOpen();
    const topic = deadLetterTopic(groupId);
    const envelope = message.envelope as { id?: unknown; type?: unknown; version?: unknown; correlationId?: unknown };
    const headers: IHeaders = {
      ...envelopeHeaders(envelope),
      [KAFKA_HEADERS.dltGroup]: groupId,
      [KAFKA_HEADERS.dltTopic]: message.topic,
      [KAFKA_HEADERS.dltPartition]: String(message.partition),
      [KAFKA_HEADERS.dltOffset]: message.offset,
      [KAFKA_HEADERS.dltError]: describe(error).slice(0, 2000),
    };
    await this.ensureTopics([topic]);
    const producer = await this.connectedProducer();
    await producer.sendBatch({
      topicMessages: [
        {
          topic,
          messages: [
            {
              key: message.key,
              value: typeof message.envelope === 'string' ? message.envelope : JSON.stringify(message.envelope),
              headers,
            },
          ],
        },
      ],
      acks: -1,
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop().catch((e: unknown) => this.options.onError?.(e))));
    const producer = this.producer?.catch(() => undefined);
    const admin = this.admin?.catch(() => undefined);
    await Promise.all([(await producer)?.disconnect(), (await admin)?.disconnect()]);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The kafka event transport is closed');
  }

  private connectedProducer(): Promise<KafkaProducerLike> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true, // broker de-duplicates the producer's retries: no duplicates, no reordering
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    this.producer.catch(() => (this.producer = undefined));
    return this.producer;
  }

  /** Creates missing topics once per process (creating an existing topic is a no-op in Kafka). */
  private async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !this.topics.has(t));
    if (missing.length > 0) {
      const created = (async () => {
        this.admin ??= (async () => {
          const admin = this.kafka.admin();
          await admin.connect();
          return admin;
        })();
        this.admin.catch(() => (this.admin = undefined));
        const admin = await this.admin;
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.options.partitions ?? 4,
            replicationFactor: this.options.replicationFactor ?? -1,
          })),
        });
      })();
      for (const t of missing) this.topics.set(t, created);
      created.catch(() => {
        for (const t of missing) if (this.topics.get(t) === created) this.topics.delete(t);
      });
    }
    await Promise.all(topics.map((t) => this.topics.get(t) ?? Promise.resolve()));
  }
}

function toKafkaMessage(m: OutgoingMessage): Message {
  return { key: m.key, value: JSON.stringify(m.envelope), headers: envelopeHeaders(m.envelope) };
}

function envelopeHeaders(envelope: { id?: unknown; type?: unknown; version?: unknown; correlationId?: unknown }) {
  const headers: IHeaders = {};
  const put = (name: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') headers[name] = String(value);
  };
  if (envelope && typeof envelope === 'object') {
    put(KAFKA_HEADERS.eventId, envelope.id);
    put(KAFKA_HEADERS.eventType, envelope.type);
    put(KAFKA_HEADERS.eventVersion, envelope.version);
    put(KAFKA_HEADERS.correlationId, envelope.correlationId);
  }
  return headers;
}

function toDelivered(topic: string, partition: number, m: KafkaMessage): DeliveredMessage {
  const text = m.value?.toString('utf8') ?? 'null';
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    envelope = text; // not JSON: the consumer's validation rejects it and parks it, instead of a crash loop here
  }
  return { topic, partition, offset: m.offset, key: m.key?.toString('utf8') ?? '', envelope };
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
