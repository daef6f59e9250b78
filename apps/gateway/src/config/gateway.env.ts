import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import {
  BACKEND_SERVICES,
  type BackendService,
  DEFAULT_PORTS,
  DEV_SERVICE_TOKEN,
  IsTrustedProxyList,
  loadEnv,
  serviceUrlVariable,
} from '@profila/platform';

/** The services the gateway routes `/api/<service>/...` to. */
export const ROUTED_SERVICES = BACKEND_SERVICES;
export type RoutedService = BackendService;

export class GatewayEnv {
  @IsString()
  NODE_ENV = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @IsInt()
  @Min(0)
  PORT: number = DEFAULT_PORTS.gateway;

  @IsString()
  LOG_LEVEL = 'info';

  /** Public URL of the portal as browsers see it. */
  @IsOptional()
  @IsString()
  PUBLIC_URL?: string;

  @IsString()
  WEB_DIST = 'apps/web/dist';

  @IsString()
  BACKOFFICE_DIST = 'apps/backoffice/dist';

  /** Requests per minute and client IP on /api and /health. */
  @IsInt()
  RATE_LIMIT_MAX = 600;

  /**
   * Proxies in front of the gateway (the ingress) whose `X-Forwarded-For` is believed: comma-separated addresses or
   * CIDRs. Default none (embedded mode: browsers connect directly), so the client address is the socket's.
   */
  @IsTrustedProxyList()
  TRUSTED_PROXIES = '';

  /**
   * How long (ms) the gateway reuses identity's answer for a session cookie (who, acting for whom, CSRF binding).
   * At most 1000: identity drops a revoked acting-as from its answer within 1 s, and the access token says whom the
   * citizen acts for, so a longer cache would let a revoked delegation keep acting. 0 asks identity every request.
   */
  @IsInt()
  @Min(0)
  @Max(1000)
  SESSION_CACHE_TTL_MS = 1000;

  /** How long (ms) a service may take to send its answer's headers (then 504), and between two chunks of its body. */
  @IsInt()
  @Min(100)
  UPSTREAM_TIMEOUT_MS = 30_000;

  @IsString()
  SERVICE_TOKEN = DEV_SERVICE_TOKEN;

  /** Private JWK (JSON) that signs the access tokens sent to services. Required in production. */
  @IsOptional()
  @IsString()
  ACCESS_TOKEN_PRIVATE_JWK?: string;

  /**
   * Where a generated signing key is kept between runs (embedded mode default `.data/keys/...`; a single-replica
   * deployment may set it to a volume). Replicas that must share the key use ACCESS_TOKEN_PRIVATE_JWK.
   */
  @IsOptional()
  @IsString()
  ACCESS_TOKEN_KEY_FILE?: string;

  @IsOptional() @IsString() IDENTITY_URL?: string;
  @IsOptional() @IsString() REGISTRY_URL?: string;
  @IsOptional() @IsString() DELEGATION_URL?: string;
  @IsOptional() @IsString() ADMIN_VERIFICATION_URL?: string;
  @IsOptional() @IsString() DOCUMENT_STORE_URL?: string;
  @IsOptional() @IsString() RAA_URL?: string;
  @IsOptional() @IsString() NOTIFICATION_URL?: string;
}

export function loadGatewayEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const env = loadEnv(GatewayEnv, source);
  env.PUBLIC_URL ??= `http://localhost:${env.PORT}`;
  if (env.NODE_ENV === 'production' && env.SERVICE_TOKEN === DEV_SERVICE_TOKEN) {
    throw new Error('SERVICE_TOKEN must be set in production');
  }
  return env;
}

/** Upstream URL of a service: `<SERVICE>_URL`, else its embedded-mode loopback port. */
export function serviceUrl(env: GatewayEnv, service: RoutedService): string {
  const key = serviceUrlVariable(service) as keyof GatewayEnv;
  return (env[key] as string | undefined) ?? `http://127.0.0.1:${DEFAULT_PORTS[service]}`;
}
