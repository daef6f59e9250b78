import { BACKEND_SERVICES, DEFAULT_PORTS, EMBEDDED_POSTGRES_PORT, type ServiceName } from '@profila/platform';

export interface PlatformPorts extends Record<ServiceName, number> {
  postgres: number;
  s3: number;
  smtp: number;
  mailHttp: number;
}

/** `npm start`'s ports when nothing is set. */
export const EMBEDDED_PORTS: PlatformPorts = {
  ...DEFAULT_PORTS,
  postgres: EMBEDDED_POSTGRES_PORT,
  s3: 9000,
  smtp: 1025,
  mailHttp: 8025,
};

/** Every port of the platform, in the order PROFILA_PORT_BASE hands them out. */
export const PLATFORM_PORT_NAMES = [
  'gateway',
  'dev-idp',
  ...BACKEND_SERVICES,
  'postgres',
  's3',
  'smtp',
  'mailHttp',
] as const satisfies ReadonlyArray<keyof PlatformPorts>;

/**
 * The ports of a start from the environment: `PROFILA_PORT_BASE=<n>` puts the platform on n, n+1, …
 * (gateway n, dev IdP n+1, the services, then PostgreSQL, S3, SMTP and the mail page, in PLATFORM_PORT_NAMES order);
 * unset, the defaults of EMBEDDED_PORTS.
 */
export function portsFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformPorts {
  const raw = env.PROFILA_PORT_BASE;
  if (raw === undefined || raw === '') return { ...EMBEDDED_PORTS };
  const base = /^\d+$/.test(raw) ? Number(raw) : NaN;
  const last = 65535 - PLATFORM_PORT_NAMES.length + 1;
  if (!(base >= 1024 && base <= last)) {
    throw new Error(`PROFILA_PORT_BASE must be a port between 1024 and ${last} (got "${raw}")`);
  }
  return Object.fromEntries(PLATFORM_PORT_NAMES.map((name, i) => [name, base + i])) as unknown as PlatformPorts;
}
