import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsTrustedProxyList, LOOPBACK_PROXIES } from './trusted-proxies.js';

export const EVENT_TRANSPORTS = ['postgres', 'kafka'] as const;
export type EventTransportKind = (typeof EVENT_TRANSPORTS)[number];

/** Ports used in embedded mode; distributed mode sets PORT per container. */
export const DEFAULT_PORTS = {
  gateway: 8080,
  'dev-idp': 8081,
  identity: 3001,
  registry: 3002,
  delegation: 3003,
  'admin-verification': 3004,
  'document-store': 3005,
  raa: 3006,
  notification: 3007,
} as const;
export type ServiceName = keyof typeof DEFAULT_PORTS;

/** The services behind the gateway, each with a database of its own. */
export const BACKEND_SERVICES = [
  'identity',
  'registry',
  'delegation',
  'admin-verification',
  'document-store',
  'raa',
  'notification',
] as const satisfies readonly ServiceName[];
export type BackendService = (typeof BACKEND_SERVICES)[number];

export const EMBEDDED_POSTGRES_PORT = 5433;
export const EMBEDDED_POSTGRES_URL = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_POSTGRES_PORT}`;

/** Database name of a service in embedded mode and in the compose init script. */
export function databaseNameOf(service: string): string {
  return `profila_${service.replace(/-/g, '_')}`;
}

/** The variable that holds a service's base URL for its callers: `document-store` → `DOCUMENT_STORE_URL`. */
export function serviceUrlVariable(service: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_URL`;
}

/** The embedded event log (postgres transport) lives in a database of its own, shared by the services. */
export const EVENTS_DATABASE = 'profila_events';

/** Environment every back-end service reads. Each service extends it with its own settings. */
export class ServiceEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 0;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** postgres://user:pass@host:port/db of the service's own database. */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @IsIn(EVENT_TRANSPORTS)
  EVENT_TRANSPORT: EventTransportKind = 'postgres';

  /** Database of the embedded event log (postgres transport only). */
  @IsOptional()
  @IsString()
  EVENTS_DATABASE_URL?: string;

  /** Comma-separated Kafka brokers (kafka transport only). */
  @IsString()
  KAFKA_BROKERS = 'localhost:9092';

  /** Gateway's access-token key set (JWKS URL). Defaults to the gateway's in embedded mode. */
  @IsOptional()
  @IsString()
  AUTH_JWKS_URL?: string;

  /** The key set inline (JSON), instead of the URL. */
  @IsOptional()
  @IsString()
  AUTH_JWKS?: string;

  /** Shared service-to-service credential (private network). Must be set in production. */
  @IsString()
  SERVICE_TOKEN = DEV_SERVICE_TOKEN;

  /**
   * Proxies whose `X-Forwarded-For` the service believes (comma-separated addresses or CIDRs, `none` for none): the
   * gateway's addresses, so that the client address it forwards (rate limits, the SPID register) is the real one.
   * Default loopback, where the gateway runs in embedded mode; compose and k8s set their private network.
   */
  @IsTrustedProxyList()
  TRUSTED_PROXIES = LOOPBACK_PROXIES;
}

export const DEV_SERVICE_TOKEN = 'profila-dev-service-token';

/** Fills the defaults that depend on the service name (port, database). */
export function withServiceDefaults<T extends ServiceEnv>(env: T, service: ServiceName): T {
  if (!env.PORT) env.PORT = DEFAULT_PORTS[service];
  env.DATABASE_URL ??= `${EMBEDDED_POSTGRES_URL}/${databaseNameOf(service)}`;
  env.EVENTS_DATABASE_URL ??= `${EMBEDDED_POSTGRES_URL}/${EVENTS_DATABASE}`;
  if (!env.AUTH_JWKS) env.AUTH_JWKS_URL ??= `http://127.0.0.1:${DEFAULT_PORTS.gateway}/.well-known/jwks.json`;
  if (env.NODE_ENV === 'production' && env.SERVICE_TOKEN === DEV_SERVICE_TOKEN) {
    throw new Error('SERVICE_TOKEN must be set in production');
  }
  return env;
}
