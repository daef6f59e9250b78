import type { EventEnvelope } from '@profila/contracts';

/** A message on its way to a topic: the key keeps one aggregate's events in order. */
export interface OutgoingMessage {
  topic: string;
  key: string;
  envelope: EventEnvelope;
}

/** A message delivered to a consumer group. */
export interface DeliveredMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  /** Parsed JSON; consumers validate it against the contract before use. */
  envelope: unknown;
}

/**
 * Handles one batch of messages of ONE partition, in offset order. When it resolves, the transport commits the
 * batch's offsets; when it rejects, nothing of the batch is committed and it is delivered again (at-least-once).
 */
export type BatchHandler = (messages: DeliveredMessage[]) => Promise<void>;

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  handler: BatchHandler;
}

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * The event transport port. Adapters: `postgres` (embedded event log, default) and `kafka` (kafkajs).
 * Same envelope, same topics, same semantics: at-least-once, ordered per key, consumer groups share partitions.
 */
export interface EventTransport {
  readonly kind: 'postgres' | 'kafka';
  /** Publishes messages durably (resolves only when the transport has them) and in the given order per key. */
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Kafka only: copies a parked message to the group's dead-letter topic (the service DB keeps it too). */
  publishDeadLetter?(groupId: string, message: DeliveredMessage, error: unknown): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');

/** Stable partition of a key: FNV-1a 32-bit hash, the same in every process. */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
