export * from './transport/event-transport.js';
export * from './transport/postgres/postgres.transport.js';
// The kafka adapter is loaded on demand by createTransport (kafkajs stays out of the embedded mode).
export * from './transport/create-transport.js';
export * from './messaging-tables.migration.js';
export * from './outbox/outbox.service.js';
export * from './relay/outbox-relay.js';
export * from './inbox/event-consumer.js';
export * from './inbox/consumer-runner.js';
export * from './messaging.lifecycle.js';
export * from './messaging.module.js';
export * from './backoff.js';
