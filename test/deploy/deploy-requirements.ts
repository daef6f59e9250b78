// What each kind of app needs from its deployment (docker-compose.yml and k8s/), shared by the deploy tests.
// The apps themselves come from nest-cli.json, so a new app without deployment support fails the tests.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceUrlVariable } from '@profila/platform';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Local test IdP: compose profile `dev` only, never in the k8s manifests. */
export const DEV_ONLY_APPS = ['dev-idp'] as const;

export type AppKind = 'gateway' | 'service' | 'dev-tool';

export function kindOf(app: string): AppKind {
  if (app === 'gateway') return 'gateway';
  if ((DEV_ONLY_APPS as readonly string[]).includes(app)) return 'dev-tool';
  return 'service';
}

interface NestCli {
  projects: Record<string, { type: 'application' | 'library' }>;
}

/** Every application project of nest-cli.json (libraries excluded). */
export function applicationProjects(): string[] {
  const cli = JSON.parse(readFileSync(join(repoRoot, 'nest-cli.json'), 'utf8')) as NestCli;
  return Object.entries(cli.projects)
    .filter(([, p]) => p.type === 'application')
    .map(([name]) => name);
}

/** Applications that run in production: every application project but the dev-only ones. */
export function productionApps(): string[] {
  return applicationProjects().filter((app) => kindOf(app) !== 'dev-tool');
}

/** Back-end services the gateway routes to. */
export function routedServices(): string[] {
  return productionApps().filter((app) => kindOf(app) === 'service');
}

/** Read by every Profila process. */
export const RUNTIME_ENV = ['NODE_ENV', 'HOST', 'PORT', 'LOG_LEVEL', 'SERVICE_TOKEN'] as const;

/** Read by every back-end service (libs/platform ServiceEnv) in distributed mode. */
export const SERVICE_ENV = [
  ...RUNTIME_ENV,
  'DATABASE_URL',
  'EVENT_TRANSPORT',
  'KAFKA_BROKERS',
  'AUTH_JWKS_URL',
  // The gateway's addresses: without them a service records the gateway as every client (default: loopback only).
  'TRUSTED_PROXIES',
] as const;

const EXTRA_ENV: Record<string, readonly string[]> = {
  identity: ['PUBLIC_URL', 'IDP_METADATA', 'DEV_IDP_ENABLED'],
  'document-store': ['S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'S3_BUCKET', 'S3_REGION'],
  notification: ['SMTP_HOST', 'SMTP_PORT', 'MAIL_FROM', 'PUBLIC_URL'],
};

/** Readiness probe path: a service is ready when its database answers; the gateway when it answers itself
 * (its /health aggregates every service: as a readiness probe, one service down would take the whole portal out). */
export function readinessPath(app: string): string {
  return kindOf(app) === 'gateway' ? '/health/live' : '/health/ready';
}

/** Environment variables an app's container must set ('A|B': either); the defaults in the code serve the embedded mode only. */
export function requiredEnv(app: string): string[] {
  switch (kindOf(app)) {
    case 'dev-tool':
      return ['NODE_ENV', 'HOST', 'PORT', 'LOG_LEVEL', 'DEV_IDP_PUBLIC_URL', 'SP_METADATA_URL'];
    case 'gateway':
      // Stateless: no database, no events; it routes to the services.
      return [
        ...RUNTIME_ENV,
        'PUBLIC_URL',
        'ACCESS_TOKEN_KEY_FILE|ACCESS_TOKEN_PRIVATE_JWK',
        ...routedServices().map(serviceUrlVariable),
      ];
    case 'service':
      return [...SERVICE_ENV, ...(EXTRA_ENV[app] ?? []), ...calledServiceUrls(app)];
  }
}

/**
 * The `<SERVICE>_URL` settings a service's env class declares: the services it calls over HTTP. Their defaults are
 * loopback addresses of the embedded mode, wrong in any container, so every deployment must set them.
 */
export function calledServiceUrls(app: string): string[] {
  const file = join(repoRoot, 'apps', app, 'src/config', `${app}.env.ts`);
  if (!existsSync(file)) return [];
  const source = readFileSync(file, 'utf8');
  return routedServices()
    .filter((service) => service !== app)
    .map(serviceUrlVariable)
    .filter((variable) => new RegExp(`^\\s*${variable}\\b`, 'm').test(source));
}
