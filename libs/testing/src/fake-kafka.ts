import type {
  Batch,
  ConsumerConfig,
  ConsumerCrashEvent,
  ConsumerRunConfig,
  ConsumerSubscribeTopic,
  ConsumerSubscribeTopics,
  EachBatchPayload,
  ITopicConfig,
  KafkaMessage,
  Message,
  Offsets,
  OffsetsByTopicPartition,
  PartitionMetadata,
  ProducerBatch,
  ProducerConfig,
  ProducerRecord,
  RecordMetadata,
  RetryOptions,
  TopicPartitionOffset,
  TopicPartitionOffsetAndMetadata,
} from 'kafkajs';

/*
 * An in-memory Kafka cluster behind the kafkajs API, for tests of code that uses kafkajs (no broker can run here).
 * Everything above kafkajs is production code; this file plays kafkajs plus the broker, following kafkajs 2 where it
 * matters for delivery guarantees:
 *  - topics with N partitions; the producer's `createPartitioner` is used when given (else a stable key hash);
 *  - idempotent producers: retries carry the same sequence numbers and the broker drops the duplicates;
 *  - consumer groups: members join, the group rebalances (round robin, like kafkajs' default assigner) once every
 *    member has finished its batch in progress; offsets committed per group; `fromBeginning` for new groups;
 *  - `eachBatch` per partition in offset order, `resolveOffset` moves the fetch position, `eachBatchAutoResolve`,
 *    `autoCommit` (after every batch here), `commitOffsetsIfNecessary(offsets)`, `heartbeat`, `isRunning`,
 *    `isStale`, `seek`, `pause`;
 *  - a throw from `eachBatch` makes kafkajs retry the fetch from the resolved offsets (so an unresolved batch comes
 *    again) with backoff; after `retries` it crashes and restarts the consumer (rejoin, committed offsets); errors
 *    kafkajs deems unrecoverable (TypeError...) or `retriable: false` crash it for good.
 * Not emulated: session timeouts, transactions, compression, byte limits (batches are bounded by message count).
 * Deterministic: no jitter, member ids in join order.
 */

export interface FakeKafkaOptions {
  /** Like `new Kafka({ retry })`: used by producers and consumers that pass none. Defaults as kafkajs. */
  retry?: RetryOptions;
  /** Messages per batch and partition (kafkajs bounds it by `maxBytesPerPartition`). */
  maxBatchSize?: number;
  /** Broker `auto.create.topics.enable`; off by default so that a client that forgets to create its topics fails. */
  autoCreateTopics?: boolean;
  /** Broker `num.partitions`, for topics created without a count. */
  defaultPartitions?: number;
}

export interface SendFailure {
  /** The broker appends the messages but the acknowledgement is lost (the producer cannot tell and retries). */
  ackLost?: boolean;
  /** A retriable error is retried by the producer; a non-retriable one rejects the send (nothing appended). */
  retriable?: boolean;
  /** How many consecutive send requests fail. */
  times?: number;
}

/** A stored record as a test sees it. */
export interface FakeKafkaRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

interface StoredRecord {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[]>;
  timestamp: string;
}

type Assignment = Map<string, number[]>;

const KAFKAJS_RETRY_DEFAULTS = { maxRetryTime: 30_000, initialRetryTime: 300, multiplier: 2, retries: 5 };
const UNRECOVERABLE_ERRORS = ['RangeError', 'ReferenceError', 'SyntaxError', 'TypeError'];

/** Mirrors kafkajs' error classes where the runner looks at them (`retriable`, `type`, `name`). */
export class FakeKafkaError extends Error {
  readonly retriable: boolean;
  readonly type?: string;

  constructor(message: string, options: { name?: string; retriable?: boolean; type?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = options.name ?? (options.type ? 'KafkaJSProtocolError' : 'KafkaJSError');
    this.retriable = options.retriable ?? true;
    this.type = options.type;
  }
}

const protocolError = (type: string, message: string, retriable: boolean) =>
  new FakeKafkaError(message, { type, retriable });

function isRebalancing(e: unknown): boolean {
  const type = (e as { type?: unknown })?.type;
  return type === 'REBALANCE_IN_PROGRESS' || type === 'NOT_COORDINATOR_FOR_GROUP' || type === 'ILLEGAL_GENERATION';
}

function isRetriable(e: unknown): boolean {
  const error = e as { retriable?: unknown; name?: unknown };
  return error?.retriable !== false && !UNRECOVERABLE_ERRORS.includes(String(error?.name));
}

function originalCause(e: unknown): unknown {
  const cause = (e as { cause?: unknown })?.cause;
  return cause ? originalCause(cause) : e;
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** FNV-1a: a stable key → partition mapping when the producer brings no partitioner. */
function hashPartition(key: Buffer, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of key) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

const toBuffer = (v: Buffer | string): Buffer => (typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v));

function resolvedRetry(own: RetryOptions | undefined, client: RetryOptions | undefined, idempotent = false) {
  const merged = { ...KAFKAJS_RETRY_DEFAULTS, ...client, ...own };
  if (idempotent && own?.retries === undefined && client?.retries === undefined)
    merged.retries = Number.MAX_SAFE_INTEGER;
  return merged;
}

function retryDelay(retry: ReturnType<typeof resolvedRetry>, attempt: number): number {
  return Math.min(
    retry.maxRetryTime,
    Math.round(retry.initialRetryTime * retry.multiplier ** Math.max(0, attempt - 1)),
  );
}

/** Resolves waiters on every change of the cluster (appends, group changes, seeks) or after a timeout. */
class ChangeSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const w of waiters) w();
  }

  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      this.waiters.add(done);
    });
  }
}

class FakeGroup {
  generation = 0;
  readonly members = new Map<string, { topics: string[]; generation: number; rebalanceTimeout: number }>();
  readonly assignments = new Map<string, Assignment>();
  readonly committed = new Map<string, string>();
  private rebalance?: { pending: Set<string>; done: Promise<void>; complete: () => void; timer: NodeJS.Timeout };

  constructor(
    readonly groupId: string,
    private readonly cluster: FakeKafka,
  ) {}

  get rebalancing(): boolean {
    return this.rebalance !== undefined;
  }

  /** Must this member (re)join before it fetches again? */
  mustRejoin(memberId: string): boolean {
    const member = this.members.get(memberId);
    return !member || this.rebalance !== undefined || member.generation !== this.generation;
  }

  /** JoinGroup + SyncGroup: resolves with the member's assignment once every member has rejoined. */
  async join(memberId: string, topics: string[], rebalanceTimeout: number): Promise<Assignment> {
    const existing = this.members.get(memberId);
    if (existing) {
      this.rebalance?.pending.delete(memberId);
    } else {
      this.members.set(memberId, { topics, generation: -1, rebalanceTimeout });
      this.startRebalance();
    }
    const rebalance = this.rebalance;
    if (rebalance) {
      this.completeIfReady();
      await rebalance.done;
    }
    if (!this.members.has(memberId)) {
      throw protocolError('UNKNOWN_MEMBER_ID', 'The coordinator is not aware of this member', false);
    }
    return this.assignments.get(memberId) ?? new Map();
  }

  leave(memberId: string): void {
    if (!this.members.delete(memberId)) return;
    this.assignments.delete(memberId);
    if (this.rebalance) {
      this.rebalance.pending.delete(memberId);
      this.completeIfReady();
    } else if (this.members.size > 0) {
      this.startRebalance();
      this.completeIfReady();
    }
    this.cluster.changed();
  }

  /** Heartbeat / OffsetCommit checks of the coordinator. */
  check(memberId: string, generation: number, forCommit: boolean): void {
    const member = this.members.get(memberId);
    if (!member) throw protocolError('UNKNOWN_MEMBER_ID', 'The coordinator is not aware of this member', false);
    if (generation !== this.generation) {
      throw protocolError('ILLEGAL_GENERATION', 'Specified group generation id is not valid', false);
    }
    // Kafka accepts commits of the current generation while the group prepares a rebalance; heartbeats tell the
    // member to rejoin.
    if (!forCommit && this.rebalance?.pending.has(memberId)) {
      throw protocolError('REBALANCE_IN_PROGRESS', 'The group is rebalancing, so a rejoin is needed', true);
    }
  }

  private startRebalance(): void {
    if (this.rebalance) return;
    const pending = new Set([...this.members].filter(([, m]) => m.generation === this.generation).map(([id]) => id));
    let complete!: () => void;
    const done = new Promise<void>((resolve) => (complete = resolve));
    const timeout = Math.max(...[...this.members.values()].map((m) => m.rebalanceTimeout));
    // Members that do not rejoin in time are dropped from the group, like Kafka does.
    const timer = setTimeout(() => {
      for (const id of this.rebalance?.pending ?? []) this.members.delete(id);
      this.rebalance?.pending.clear();
      this.completeIfReady();
    }, timeout);
    timer.unref();
    this.rebalance = { pending, done, complete, timer };
    this.cluster.changed();
  }

  private completeIfReady(): void {
    const rebalance = this.rebalance;
    if (!rebalance || rebalance.pending.size > 0) return;
    clearTimeout(rebalance.timer);
    this.rebalance = undefined;
    this.generation++;
    this.assignments.clear();
    // kafkajs' RoundRobinAssigner: members sorted by id, every subscribed topic-partition dealt in turn.
    const memberIds = [...this.members.keys()].sort();
    const topics = [...new Set([...this.members.values()].flatMap((m) => m.topics))];
    let i = 0;
    for (const topic of topics) {
      for (let partition = 0; partition < this.cluster.partitionCount(topic); partition++) {
        const memberId = memberIds[i++ % memberIds.length];
        let assignment = this.assignments.get(memberId);
        if (!assignment) this.assignments.set(memberId, (assignment = new Map()));
        assignment.set(topic, [...(assignment.get(topic) ?? []), partition]);
      }
    }
    for (const member of this.members.values()) member.generation = this.generation;
    rebalance.complete();
    this.cluster.changed();
  }
}

/** The kafkajs `Kafka` client and the cluster behind it, in memory. */
export class FakeKafka {
  private readonly topics = new Map<string, StoredRecord[][]>();
  private readonly groups = new Map<string, FakeGroup>();
  private readonly sequences = new Map<string, number>();
  private readonly failures: Array<Required<SendFailure>> = [];
  private readonly signal = new ChangeSignal();
  private nextProducerId = 1;
  private nextMemberId = 1;

  constructor(readonly options: FakeKafkaOptions = {}) {}

  producer(config: ProducerConfig = {}): FakeProducer {
    return new FakeProducer(this, config, this.nextProducerId++);
  }

  consumer(config: ConsumerConfig): FakeConsumer {
    if (!config?.groupId) throw new FakeKafkaError('Consumer groupId must be a non-empty string', { retriable: false });
    return new FakeConsumer(this, config);
  }

  admin(): FakeAdmin {
    return new FakeAdmin(this);
  }

  // ---- test controls and inspection ----

  /** The next send request(s) fail like a broker failure would. */
  failNextSend(failure: SendFailure = {}): void {
    const times = failure.times ?? 1;
    for (let i = 0; i < times; i++) {
      this.failures.push({ ackLost: failure.ackLost ?? false, retriable: failure.retriable ?? true, times: 1 });
    }
  }

  createTopic(topic: string, partitions: number): boolean {
    if (this.topics.has(topic)) return false;
    this.topics.set(
      topic,
      Array.from({ length: partitions }, () => []),
    );
    this.changed();
    return true;
  }

  hasTopic(topic: string): boolean {
    return this.topics.has(topic);
  }

  partitionCount(topic: string): number {
    return this.topics.get(topic)?.length ?? 0;
  }

  topicNames(): string[] {
    return [...this.topics.keys()];
  }

  /** Every record of a topic, partition by partition, in offset order. */
  records(topic: string): FakeKafkaRecord[] {
    const partitions = this.topics.get(topic) ?? [];
    return partitions.flatMap((records, partition) =>
      records.map((r) => ({
        topic,
        partition,
        offset: r.offset,
        key: r.key?.toString('utf8') ?? null,
        value: r.value?.toString('utf8') ?? null,
        headers: Object.fromEntries(
          Object.entries(r.headers).map(([k, v]) => [
            k,
            (Array.isArray(v) ? v : [v]).map((b) => b.toString('utf8')).join(','),
          ]),
        ),
      })),
    );
  }

  /** Committed offsets (next offset to read) of a group, by `topic:partition`. */
  committedOffsets(groupId: string): Record<string, string> {
    const committed = this.groups.get(groupId)?.committed ?? new Map<string, string>();
    return Object.fromEntries([...committed].map(([k, v]) => [k.replace('\u0000', ':'), v]));
  }

  /** Members of a group and their partitions, once the group is stable (undefined while it rebalances). */
  groupAssignment(groupId: string): Record<string, Record<string, number[]>> | undefined {
    const group = this.groups.get(groupId);
    if (!group || group.rebalancing) return undefined;
    return Object.fromEntries(
      [...group.members.keys()].map((id) => [id, Object.fromEntries(group.assignments.get(id) ?? new Map())]),
    );
  }

  // ---- broker internals, used by the fake clients ----

  /** @internal */
  changed(): void {
    this.signal.notify();
  }

  /** @internal */
  waitForChange(timeoutMs: number): Promise<void> {
    return this.signal.wait(timeoutMs);
  }

  /** @internal */
  group(groupId: string): FakeGroup {
    let group = this.groups.get(groupId);
    if (!group) this.groups.set(groupId, (group = new FakeGroup(groupId, this)));
    return group;
  }

  /** @internal */
  newMemberId(clientId: string): string {
    return `${clientId}-${String(this.nextMemberId++).padStart(6, '0')}`;
  }

  /** @internal */
  partitionsOf(topic: string): StoredRecord[][] {
    let partitions = this.topics.get(topic);
    if (!partitions && this.options.autoCreateTopics) {
      this.createTopic(topic, this.options.defaultPartitions ?? 1);
      partitions = this.topics.get(topic);
    }
    if (!partitions) {
      throw protocolError(
        'UNKNOWN_TOPIC_OR_PARTITION',
        `This server does not host this topic-partition: ${topic}`,
        false,
      );
    }
    return partitions;
  }

  /** @internal Produce request: one entry per partition, with the producer's sequence when idempotent. */
  produce(
    producerId: number,
    idempotent: boolean,
    requests: Array<{ topic: string; partition: number; baseSequence: number; messages: Message[] }>,
  ): RecordMetadata[] {
    const failure = this.failures.shift();
    if (failure && (!failure.ackLost || !failure.retriable)) {
      throw failure.retriable
        ? protocolError('REQUEST_TIMED_OUT', 'The request timed out (injected)', true)
        : new FakeKafkaError('Broker failure (injected)', { name: 'KafkaJSNonRetriableError', retriable: false });
    }
    const result: RecordMetadata[] = [];
    const timestamp = String(Date.now());
    for (const req of requests) {
      const log = this.partitionsOf(req.topic)[req.partition];
      if (!log)
        throw protocolError('UNKNOWN_TOPIC_OR_PARTITION', `No partition ${req.partition} in ${req.topic}`, true);
      const seqKey = `${producerId}\u0000${tpKey(req.topic, req.partition)}`;
      if (idempotent) {
        const last = this.sequences.get(seqKey) ?? -1;
        if (req.baseSequence <= last) {
          result.push({ topicName: req.topic, partition: req.partition, errorCode: 0 }); // duplicate: dropped
          continue;
        }
        if (req.baseSequence !== last + 1) {
          throw protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', 'The broker received an out of order sequence', false);
        }
        this.sequences.set(seqKey, req.baseSequence + req.messages.length - 1);
      }
      const baseOffset = log.length;
      for (const m of req.messages) {
        const headers: Record<string, Buffer | Buffer[]> = {};
        for (const [k, v] of Object.entries(m.headers ?? {})) {
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.map(toBuffer) : toBuffer(v);
        }
        log.push({
          offset: String(log.length),
          key: m.key == null ? null : toBuffer(m.key),
          value: m.value == null ? null : toBuffer(m.value),
          headers,
          timestamp: m.timestamp ?? timestamp,
        });
      }
      result.push({ topicName: req.topic, partition: req.partition, errorCode: 0, baseOffset: String(baseOffset) });
    }
    this.changed();
    if (failure) throw protocolError('REQUEST_TIMED_OUT', 'The acknowledgement was lost (injected)', true);
    return result;
  }

  /** @internal */
  fetch(
    topic: string,
    partition: number,
    offset: number,
    max: number,
  ): { records: StoredRecord[]; highWatermark: number } {
    const log = this.topics.get(topic)?.[partition] ?? [];
    return { records: log.slice(offset, offset + max), highWatermark: log.length };
  }
}

export class FakeProducer {
  private connected = false;
  private readonly idempotent: boolean;
  private readonly sequences = new Map<string, number>();
  private readonly partitioner?: ReturnType<NonNullable<ProducerConfig['createPartitioner']>>;
  private roundRobin = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly cluster: FakeKafka,
    private readonly config: ProducerConfig,
    private readonly producerId: number,
  ) {
    this.idempotent = config.idempotent ?? false;
    if (this.idempotent && (config.maxInFlightRequests ?? 1) > 1) {
      // kafkajs only warns; with more requests in flight a retried one can overtake the next: refuse it here.
      throw new FakeKafkaError('An idempotent producer needs maxInFlightRequests: 1 to keep order', {
        retriable: false,
      });
    }
    this.partitioner = config.createPartitioner?.();
  }

  async connect(): Promise<void> {
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.connected = false;
  }

  isIdempotent(): boolean {
    return this.idempotent;
  }

  send(record: ProducerRecord): Promise<RecordMetadata[]> {
    const { topic, messages, ...rest } = record;
    return this.sendBatch({ ...rest, topicMessages: [{ topic, messages }] });
  }

  /** One request at a time (maxInFlightRequests: 1), retried like kafkajs with the same sequence numbers. */
  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    const result = this.queue.catch(() => undefined).then(() => this.doSend(batch));
    this.queue = result;
    return result;
  }

  private async doSend({ acks = -1, topicMessages = [] }: ProducerBatch): Promise<RecordMetadata[]> {
    if (!this.connected) throw new FakeKafkaError('The producer is disconnected', { retriable: false });
    if (this.idempotent && acks !== -1) {
      throw new FakeKafkaError(
        "Not requiring ack for all messages invalidates the idempotent producer's EoS guarantees",
        {
          name: 'KafkaJSNonRetriableError',
          retriable: false,
        },
      );
    }
    const byPartition = new Map<
      string,
      { topic: string; partition: number; baseSequence: number; messages: Message[] }
    >();
    for (const { topic, messages } of topicMessages) {
      const partitions = this.cluster.partitionsOf(topic).length;
      for (const message of messages) {
        const partition = this.partitionFor(topic, partitions, message);
        const key = tpKey(topic, partition);
        let entry = byPartition.get(key);
        if (!entry)
          byPartition.set(
            key,
            (entry = { topic, partition, baseSequence: this.sequences.get(key) ?? 0, messages: [] }),
          );
        entry.messages.push(message);
      }
    }
    const requests = [...byPartition.values()];
    const retry = resolvedRetry(this.config.retry, this.cluster.options.retry, this.idempotent);
    for (let attempt = 0; ; attempt++) {
      try {
        const result = this.cluster.produce(this.producerId, this.idempotent, requests);
        for (const r of requests) this.sequences.set(tpKey(r.topic, r.partition), r.baseSequence + r.messages.length);
        return result;
      } catch (error) {
        if (!isRetriable(error)) throw error;
        if (attempt >= retry.retries) {
          throw new FakeKafkaError(`Retries exceeded: ${(error as Error).message}`, {
            name: 'KafkaJSNumberOfRetriesExceeded',
            cause: error,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, retryDelay(retry, attempt + 1)));
      }
    }
  }

  private partitionFor(topic: string, partitions: number, message: Message): number {
    if (message.partition !== undefined && message.partition !== null) return message.partition;
    if (this.partitioner) {
      const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, partitionId) => ({
        partitionErrorCode: 0,
        partitionId,
        leader: 0,
        replicas: [0],
        isr: [0],
      }));
      return this.partitioner({ topic, partitionMetadata, message });
    }
    if (message.key !== undefined && message.key !== null) return hashPartition(toBuffer(message.key), partitions);
    return this.roundRobin++ % partitions;
  }
}

export class FakeAdmin {
  constructor(private readonly cluster: FakeKafka) {}

  async connect(): Promise<void> {}

  async disconnect(): Promise<void> {}

  /** Like kafkajs: true when the topics were created, false when some already existed. */
  async createTopics(options: {
    topics: ITopicConfig[];
    validateOnly?: boolean;
    waitForLeaders?: boolean;
    timeout?: number;
  }): Promise<boolean> {
    let allNew = true;
    for (const t of options.topics) {
      const partitions =
        t.numPartitions && t.numPartitions > 0 ? t.numPartitions : (this.cluster.options.defaultPartitions ?? 1);
      if (options.validateOnly) allNew &&= !this.cluster.hasTopic(t.topic);
      else allNew = this.cluster.createTopic(t.topic, partitions) && allNew;
    }
    return allNew;
  }

  async listTopics(): Promise<string[]> {
    return this.cluster.topicNames();
  }

  async fetchTopicOffsets(
    topic: string,
  ): Promise<Array<{ partition: number; offset: string; high: string; low: string }>> {
    return this.cluster.partitionsOf(topic).map((log, partition) => ({
      partition,
      offset: String(log.length),
      high: String(log.length),
      low: '0',
    }));
  }
}

interface RunState {
  config: ConsumerRunConfig;
  running: boolean;
  loop?: Promise<void>;
  wake: ChangeSignal;
  restartTimer?: NodeJS.Timeout;
}

export class FakeConsumer {
  private connected = false;
  private readonly subscriptions = new Map<string, boolean>(); // topic -> fromBeginning
  private run_?: RunState;
  private memberId?: string;
  private generation = -1;
  private assignment: Assignment = new Map();
  private readonly positions = new Map<string, number>();
  private readonly seeks = new Map<string, number>();
  private readonly pausedPartitions = new Set<string>();
  private rotation = 0;
  private readonly crashListeners = new Set<(event: ConsumerCrashEvent) => void>();
  private readonly group: FakeGroup;

  constructor(
    private readonly cluster: FakeKafka,
    private readonly config: ConsumerConfig,
  ) {
    this.group = cluster.group(config.groupId);
  }

  async connect(): Promise<void> {
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    await this.stop();
    this.connected = false;
  }

  async subscribe(subscription: ConsumerSubscribeTopics | ConsumerSubscribeTopic): Promise<void> {
    if (this.run_)
      throw new FakeKafkaError('Cannot subscribe to topic while consumer is running', { retriable: false });
    const topics = 'topics' in subscription ? subscription.topics : [subscription.topic];
    for (const topic of topics) {
      if (typeof topic !== 'string')
        throw new FakeKafkaError('FakeKafka: RegExp subscriptions are not supported', { retriable: false });
      this.cluster.partitionsOf(topic); // an unknown topic fails like a metadata error
      this.subscriptions.set(topic, subscription.fromBeginning ?? false);
    }
  }

  on(eventName: 'consumer.crash', listener: (event: ConsumerCrashEvent) => void): () => void {
    if (eventName !== 'consumer.crash')
      throw new FakeKafkaError(`FakeKafka: event ${String(eventName)} is not emitted`);
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  /** Resolves once this member has joined the group (and the group is stable), like kafkajs. */
  async run(config: ConsumerRunConfig = {}): Promise<void> {
    if (this.run_) return; // kafkajs: "consumer#run was called, but the consumer is already running"
    if (!this.connected) throw new FakeKafkaError('The consumer is not connected', { retriable: false });
    if (!config.eachBatch && !config.eachMessage)
      throw new FakeKafkaError('Consumer needs eachBatch or eachMessage', { retriable: false });
    if (this.subscriptions.size === 0)
      throw new FakeKafkaError('Consumer is not subscribed to any topic', { retriable: false });
    const run: RunState = { config, running: true, wake: new ChangeSignal() };
    this.run_ = run;
    await this.joinGroup();
    run.loop = this.loop(run);
  }

  async stop(): Promise<void> {
    const run = this.run_;
    if (!run) return;
    run.running = false;
    clearTimeout(run.restartTimer);
    run.wake.notify();
    this.cluster.changed();
    await run.loop; // kafkajs waits for the batch in progress
    this.leaveGroup();
    this.run_ = undefined;
  }

  commitOffsets(topicPartitions: TopicPartitionOffsetAndMetadata[]): Promise<void> {
    if (!this.run_) {
      return Promise.reject(
        new FakeKafkaError('Consumer group was not initialized, consumer#run must be called first'),
      );
    }
    return this.commit(topicPartitions);
  }

  seek({ topic, partition, offset }: TopicPartitionOffset): void {
    if (!this.run_) throw new FakeKafkaError('Consumer group was not initialized, consumer#run must be called first');
    this.seeks.set(tpKey(topic, partition), Number(offset));
    this.cluster.changed();
  }

  pause(topics: Array<{ topic: string; partitions?: number[] }>): void {
    for (const { topic, partitions } of topics) {
      for (const p of partitions ?? [...Array(this.cluster.partitionCount(topic)).keys()])
        this.pausedPartitions.add(tpKey(topic, p));
    }
  }

  resume(topics: Array<{ topic: string; partitions?: number[] }>): void {
    for (const { topic, partitions } of topics) {
      for (const p of partitions ?? [...Array(this.cluster.partitionCount(topic)).keys()])
        this.pausedPartitions.delete(tpKey(topic, p));
    }
    this.cluster.changed();
  }

  private async joinGroup(): Promise<void> {
    this.memberId ??= this.cluster.newMemberId(this.config.groupId);
    this.assignment = await this.group.join(
      this.memberId,
      [...this.subscriptions.keys()],
      this.config.rebalanceTimeout ?? 60_000,
    );
    this.generation = this.group.generation;
    // A new assignment starts from the committed offsets (kafkajs builds a new offset manager).
    this.positions.clear();
    this.seeks.clear();
    for (const [topic, partitions] of this.assignment) {
      for (const partition of partitions) {
        const key = tpKey(topic, partition);
        const committed = this.group.committed.get(key);
        const fromBeginning = this.subscriptions.get(topic) ?? false;
        this.positions.set(
          key,
          committed !== undefined
            ? Number(committed)
            : fromBeginning
              ? 0
              : this.cluster.fetch(topic, partition, 0, 0).highWatermark,
        );
      }
    }
  }

  private leaveGroup(): void {
    if (this.memberId) this.group.leave(this.memberId);
    this.memberId = undefined;
    this.assignment = new Map();
  }

  private async loop(run: RunState): Promise<void> {
    const retry = resolvedRetry(this.config.retry, this.cluster.options.retry);
    let errors = 0;
    while (run.running) {
      try {
        if (!this.memberId || this.group.mustRejoin(this.memberId)) {
          await this.joinGroup();
          errors = 0;
          continue;
        }
        const batch = this.nextBatch();
        if (!batch) {
          await this.cluster.waitForChange(this.config.maxWaitTimeInMs ?? 5000);
          continue;
        }
        await this.processBatch(run, batch);
      } catch (error) {
        if (!run.running) break;
        if (isRebalancing(error)) continue; // rejoin at the top of the loop
        if ((error as { type?: string }).type === 'UNKNOWN_MEMBER_ID') {
          this.memberId = undefined;
          continue;
        }
        if (!isRetriable(error)) {
          this.crash(
            run,
            new FakeKafkaError((error as Error).message, {
              name: 'KafkaJSNonRetriableError',
              retriable: false,
              cause: error,
            }),
          );
          return;
        }
        errors++;
        if (errors > retry.retries) {
          const exceeded = new FakeKafkaError((error as Error).message, {
            name: 'KafkaJSNumberOfRetriesExceeded',
            cause: error,
          });
          this.crash(run, exceeded, retryDelay(retry, errors));
          return;
        }
        // The fetch is retried from the resolved offsets: an unresolved batch is delivered again.
        await run.wake.wait(retryDelay(retry, errors));
      }
    }
  }

  /** kafkajs' onCrash: disconnect, then restart the consumer from the committed offsets if the error is retriable. */
  private crash(run: RunState, error: FakeKafkaError, retryTime = 0): void {
    const cause = originalCause(error) as { retriable?: unknown };
    const restart = error.name === 'KafkaJSNumberOfRetriesExceeded' || cause?.retriable === true;
    this.leaveGroup();
    for (const listener of this.crashListeners) {
      listener({
        id: '0',
        type: 'consumer.crash',
        timestamp: Date.now(),
        payload: { error, groupId: this.config.groupId, restart },
      });
    }
    if (!restart) {
      run.running = false;
      return;
    }
    run.restartTimer = setTimeout(() => {
      if (!run.running) return;
      run.loop = this.loop(run);
    }, retryTime);
  }

  private nextBatch(): Batch | undefined {
    const tps = [...this.assignment].flatMap(([topic, partitions]) =>
      partitions.map((partition) => ({ topic, partition })),
    );
    for (let i = 0; i < tps.length; i++) {
      const { topic, partition } = tps[(this.rotation + i) % tps.length];
      const key = tpKey(topic, partition);
      const seek = this.seeks.get(key);
      if (seek !== undefined) {
        this.positions.set(key, seek);
        this.seeks.delete(key);
      }
      if (this.pausedPartitions.has(key)) continue;
      const position = this.positions.get(key) ?? 0;
      const { records, highWatermark } = this.cluster.fetch(
        topic,
        partition,
        position,
        this.cluster.options.maxBatchSize ?? 100,
      );
      if (records.length === 0) continue;
      this.rotation = (this.rotation + i + 1) % tps.length;
      const messages: KafkaMessage[] = records.map((r) => ({
        key: r.key && Buffer.from(r.key),
        value: r.value && Buffer.from(r.value),
        timestamp: r.timestamp,
        attributes: 0,
        offset: r.offset,
        headers: Object.fromEntries(
          Object.entries(r.headers).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.map((b) => Buffer.from(b)) : Buffer.from(v),
          ]),
        ),
      }));
      const last = Number(messages[messages.length - 1].offset);
      return {
        topic,
        partition,
        highWatermark: String(highWatermark),
        messages,
        isEmpty: () => messages.length === 0,
        firstOffset: () => messages[0]?.offset ?? null,
        lastOffset: () => String(last),
        offsetLag: () => String(highWatermark - 1 - last),
        offsetLagLow: () => String(highWatermark - 1 - Number(messages[0].offset)),
      };
    }
    return undefined;
  }

  private async processBatch(run: RunState, batch: Batch): Promise<void> {
    const { topic, partition } = batch;
    const key = tpKey(topic, partition);
    const generation = this.generation;
    const resolveOffset = (offset: string) => {
      if (this.generation === generation) this.positions.set(key, Number(offset) + 1);
    };
    const payload: EachBatchPayload = {
      batch,
      resolveOffset,
      heartbeat: async () => this.group.check(this.memberId ?? '', generation, false),
      pause: () => {
        this.pause([{ topic, partitions: [partition] }]);
        return () => this.resume([{ topic, partitions: [partition] }]);
      },
      commitOffsetsIfNecessary: async (offsets?: Offsets) => {
        if (offsets)
          await this.commit(offsets.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, ...p }))));
        else if (run.config.autoCommit ?? true) await this.commitResolved();
      },
      uncommittedOffsets: () => this.uncommittedOffsets(),
      isRunning: () => run.running,
      isStale: () => this.seeks.has(key),
    };
    if (run.config.eachBatch) {
      try {
        await run.config.eachBatch(payload);
      } catch (error) {
        if (run.config.autoCommit ?? true) await this.commitResolved();
        throw error;
      }
      if (run.config.eachBatchAutoResolve ?? true) resolveOffset(batch.lastOffset());
    } else if (run.config.eachMessage) {
      for (const message of batch.messages) {
        if (!run.running || this.seeks.has(key)) break;
        try {
          await run.config.eachMessage({
            topic,
            partition,
            message,
            heartbeat: payload.heartbeat,
            pause: payload.pause,
          });
        } catch (error) {
          if (run.config.autoCommit ?? true) await this.commitResolved();
          throw error;
        }
        resolveOffset(message.offset);
      }
    }
    if (run.config.autoCommit ?? true) await this.commitResolved();
  }

  private uncommittedOffsets(): OffsetsByTopicPartition {
    const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
    for (const [topic, partitions] of this.assignment) {
      for (const partition of partitions) {
        const position = this.positions.get(tpKey(topic, partition));
        const committed = this.group.committed.get(tpKey(topic, partition));
        if (position !== undefined && String(position) !== committed) {
          byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partition, offset: String(position) }]);
        }
      }
    }
    return { topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) };
  }

  private async commitResolved(): Promise<void> {
    const offsets = this.uncommittedOffsets().topics.flatMap((t) =>
      t.partitions.map((p) => ({ topic: t.topic, ...p })),
    );
    if (offsets.length > 0) await this.commit(offsets);
  }

  private async commit(offsets: TopicPartitionOffset[]): Promise<void> {
    this.group.check(this.memberId ?? '', this.generation, true);
    for (const { topic, partition, offset } of offsets)
      this.group.committed.set(tpKey(topic, partition), String(offset));
  }
}
