import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@profila/contracts';

/**
 * What a ConsumerRunner feeds. Services do not implement it: they write `@InboxEventPattern` methods, and
 * InboxEventServer makes one EventConsumer per consumer group of them (benchmarks and tests use it directly).
 * `handle` runs inside the service's transaction together with the inbox row: its database effects happen once
 * per event id, whatever the number of deliveries.
 */
export interface EventConsumer {
  /** Consumer group, `<service>.<purpose>`: instances of the same group share the work. */
  readonly group: string;
  readonly topics: string[];
  handle(event: EventEnvelope, manager: EntityManager): Promise<void>;
}
