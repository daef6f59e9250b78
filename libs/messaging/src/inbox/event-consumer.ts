import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@profila/contracts';

/**
 * An idempotent event handler of a service. Register the class in `MessagingModule.forRoot({ consumers })`.
 * `handle` runs inside the service's transaction together with the inbox row: its database effects happen once
 * per event id, whatever the number of deliveries.
 */
export interface EventConsumer {
  /** Consumer group, `<service>.<purpose>`: instances of the same group share the work. */
  readonly group: string;
  readonly topics: string[];
  handle(event: EventEnvelope, manager: EntityManager): Promise<void>;
}
