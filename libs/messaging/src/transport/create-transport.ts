import { createLogger, type EventTransportKind } from '@profila/platform';
import type { EventTransport } from './event-transport.js';
import { PostgresEventTransport } from './postgres/postgres.transport.js';

export interface TransportConfig {
  transport: EventTransportKind;
  /** postgres transport: the event log database. */
  eventsDatabaseUrl?: string;
  /** kafka transport. */
  kafkaBrokers?: string[];
}

/** Picks the adapter from configuration: `postgres` (embedded, default) or `kafka`. */
export async function createTransport(service: string, config: TransportConfig): Promise<EventTransport> {
  const logger = createLogger(`${service}:transport`);
  switch (config.transport) {
    case 'postgres':
      if (!config.eventsDatabaseUrl) throw new Error('postgres transport needs EVENTS_DATABASE_URL');
      return new PostgresEventTransport({
        url: config.eventsDatabaseUrl,
        onError: (e) => logger.warn({ err: e }, 'event log error'),
      });
    case 'kafka': {
      // Loaded only when chosen: kafkajs is not needed by the embedded mode.
      const { KafkaEventTransport } = await import('./kafka/kafka.transport.js');
      return new KafkaEventTransport({
        brokers: config.kafkaBrokers ?? ['localhost:9092'],
        clientId: `profila-${service}`,
        onError: (e) => logger.warn({ err: e }, 'kafka transport error'),
      });
    }
  }
}
