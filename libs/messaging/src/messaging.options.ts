import type { TransportConfig } from './transport/create-transport.js';

export interface MessagingModuleOptions extends TransportConfig {
  /** Service name: client id, logs, and the prefix of its consumer groups (`<service>.<purpose>`). */
  service: string;
  /** URL of the service's own database (the relay LISTENs on it). */
  databaseUrl: string;
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  /** Tries before an event whose handler keeps failing goes to the dead-letter store (default 5). */
  maxAttempts?: number;
  /** First retry delay, doubled at each try (default 100 ms). */
  retryBaseMs?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
