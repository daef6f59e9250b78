import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import {
  BACKEND_SERVICES,
  databaseNameOf,
  EVENTS_DATABASE,
  type ServiceName,
  serviceUrlVariable,
} from '@profila/platform';
import { MailCatcher } from '../mail/mail-catcher.js';
import { EmbeddedPostgresServer } from '../postgres/embedded-postgres.server.js';
import { loadOrCreateS3Credentials } from '../s3/s3-credentials.js';
import { S3_PROCESS_ENTRY, S3Server } from '../s3/s3-server.js';
import { devCaFiles, type DevCaFiles, loadOrCreateDevCa } from '../signing/dev-ca.js';
import { EMBEDDED_PORTS, type PlatformPorts } from './ports.js';

export const DOCUMENTS_BUCKET = 'profila-documents';
/** The region the embedded S3 endpoint signs for (document-store's S3_REGION default). */
export const EMBEDDED_S3_REGION = 'us-east-1';

export interface EmbeddedPlatformOptions {
  /** Repository root (where dist/ and apps/ are). */
  rootDir: string;
  /** Where PostgreSQL, S3 objects and keys, other keys and logs live. */
  dataDir: string;
  ports?: Partial<PlatformPorts>;
  /** Keep the PostgreSQL cluster between runs (npm start) or throw it away (tests). */
  persistent?: boolean;
  /** Restart a service that dies unexpectedly (npm start). The S3 endpoint is always restarted. */
  autoRestart?: boolean;
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /**
   * Generate (once per data directory) the development CA and make document-store trust it, so that
   * `npm run dev:sign` can sign declarations (default true; `env.TRUST_LIST_FILE` overrides the trust list).
   */
  devCa?: boolean;
  /** Start the dev IdP too (when it is built). */
  devIdp?: boolean;
  /** Built web portal the gateway serves at `/` (default apps/web/dist). */
  webDist?: string;
  /** Built back office the gateway serves at `/backoffice/` (default apps/backoffice/dist). */
  backofficeDist?: string;
  onStatus?: (line: string) => void;
}

interface RunningService {
  name: ServiceName;
  child?: ChildProcess;
  log: WriteStream;
  expectedExit: boolean;
  /** The last few KiB the process wrote, shown when it dies during start-up (CI keeps no log files). */
  tail: string;
}

const TAIL_BYTES = 4096;

/**
 * The whole platform on one machine, no Docker: embedded PostgreSQL (one database per service plus the event log),
 * an S3 endpoint (its own supervised process, SigV4 with keys generated for this data directory), an SMTP mail
 * catcher, every service as its own Node process on its own loopback port, then the gateway. Used by `npm start`
 * and, through `startTestPlatform` of @profila/testing, by the end-to-end tests.
 */
export class EmbeddedPlatform {
  readonly ports: PlatformPorts;
  readonly postgres: EmbeddedPostgresServer;
  readonly s3: S3Server;
  readonly mail: MailCatcher;
  private readonly services = new Map<ServiceName, RunningService>();
  private stopping = false;

  constructor(private readonly options: EmbeddedPlatformOptions) {
    this.ports = { ...EMBEDDED_PORTS, ...options.ports };
    this.postgres = new EmbeddedPostgresServer({
      dataDir: join(options.dataDir, 'postgres'),
      port: this.ports.postgres,
      persistent: options.persistent ?? true,
    });
    this.s3 = new S3Server({
      port: this.ports.s3,
      directory: join(options.dataDir, 's3'),
      buckets: [DOCUMENTS_BUCKET],
      credentials: loadOrCreateS3Credentials(this.s3CredentialsFile),
      region: EMBEDDED_S3_REGION,
      logFile: join(options.dataDir, 'logs', 's3.log'),
      onStatus: (line) => options.onStatus?.(line),
    });
    this.mail = new MailCatcher({ smtpPort: this.ports.smtp, httpPort: this.ports.mailHttp });
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.ports.gateway}`;
  }

  serviceUrl(service: ServiceName): string {
    return `http://127.0.0.1:${this.ports[service]}`;
  }

  /** The running service's process id (benchmarks read its CPU time from /proc), or undefined when it is not running. */
  pidOf(service: ServiceName): number | undefined {
    return this.services.get(service)?.child?.pid;
  }

  /** Where the S3 endpoint's key pair of this data directory is kept (JSON, mode 0600). */
  get s3CredentialsFile(): string {
    return join(this.options.dataDir, 's3-credentials.json');
  }

  /** Where this installation keeps its data (PostgreSQL, objects, keys, the dev CA, logs). */
  get dataDir(): string {
    return this.options.dataDir;
  }

  /** The development CA of this data directory (certificate trusted by document-store, key mode 0600). */
  get devCaFiles(): DevCaFiles {
    return devCaFiles(this.options.dataDir);
  }

  get withDevCa(): boolean {
    return this.options.devCa ?? true;
  }

  get webDist(): string {
    return this.options.webDist ?? join(this.options.rootDir, 'apps/web/dist');
  }

  get backofficeDist(): string {
    return this.options.backofficeDist ?? join(this.options.rootDir, 'apps/backoffice/dist');
  }

  /**
   * What the start would need and is not there, one line each: the built back end (every service, the gateway,
   * the S3 process, the dev IdP when asked for) and, with `uis`, both built UIs.
   */
  missingArtifacts(opts: { uis?: boolean; devIdp?: boolean } = {}): string[] {
    const rel = (path: string) => {
      const inside = relative(this.options.rootDir, path);
      return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
    };
    const missing: string[] = [];
    const services: ServiceName[] = [...BACKEND_SERVICES, 'gateway', ...(opts.devIdp ? (['dev-idp'] as const) : [])];
    for (const service of services) {
      if (!existsSync(this.entryOf(service)))
        missing.push(`${service}: ${rel(this.entryOf(service))} (back end not built)`);
    }
    if (!existsSync(S3_PROCESS_ENTRY)) missing.push(`S3 endpoint: ${rel(S3_PROCESS_ENTRY)} (back end not built)`);
    if (opts.uis) {
      for (const [name, dir] of [
        ['web portal', this.webDist],
        ['back office', this.backofficeDist],
      ] as const) {
        if (!existsSync(join(dir, 'index.html')))
          missing.push(`${name}: ${join(rel(dir), 'index.html')} (UI not built)`);
      }
    }
    return missing;
  }

  get withDevIdp(): boolean {
    return (this.options.devIdp ?? true) && existsSync(this.entryOf('dev-idp'));
  }

  async start(): Promise<void> {
    const status = this.options.onStatus ?? (() => undefined);
    await mkdir(join(this.options.dataDir, 'logs'), { recursive: true });
    const missing = this.missingArtifacts();
    if (missing.length > 0) throw new Error(`not built:\n  ${missing.join('\n  ')}\nrun: node scripts/build.mjs`);
    if (this.withDevCa) {
      loadOrCreateDevCa(this.options.dataDir);
      status(`dev CA        ${this.devCaFiles.certificate} (trusted by document-store; npm run dev:sign)`);
    }
    await this.postgres.start();
    status(`postgres      ${this.postgres.url().replace(/:[^:@/]*@/, ':***@')}`);
    for (const db of [...BACKEND_SERVICES.map(databaseNameOf), EVENTS_DATABASE]) await this.postgres.ensureDatabase(db);
    await Promise.all([this.s3.start(), this.mail.start()]);
    status(`s3            ${this.s3.endpoint}  bucket ${DOCUMENTS_BUCKET}, SigV4 keys in ${this.s3CredentialsFile}`);
    status(`mail catcher  smtp://127.0.0.1:${this.ports.smtp}  http://127.0.0.1:${this.ports.mailHttp}`);
    // All at once: the gateway needs the services only to answer, not to boot.
    const all: ServiceName[] = [...BACKEND_SERVICES, ...(this.withDevIdp ? (['dev-idp'] as const) : []), 'gateway'];
    await Promise.all(all.map((s) => this.startService(s)));
    await waitForHealth(`${this.gatewayUrl}/health`, { name: 'platform' }, 30_000);
  }

  /** Environment of a service process: every URL it may need, its own port and database. */
  envFor(service: ServiceName): Record<string, string> {
    const urls = Object.fromEntries(
      [...BACKEND_SERVICES, 'dev-idp' as const].map((s) => [serviceUrlVariable(s), this.serviceUrl(s)]),
    );
    return {
      ...urls,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(this.ports[service]),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      DATABASE_URL: this.postgres.url(databaseNameOf(service)),
      EVENT_TRANSPORT: 'postgres',
      EVENTS_DATABASE_URL: this.postgres.url(EVENTS_DATABASE),
      PUBLIC_URL: this.gatewayUrl.replace('127.0.0.1', 'localhost'),
      S3_ENDPOINT: this.s3.endpoint,
      S3_ACCESS_KEY: this.s3.credentials.accessKey,
      S3_SECRET_KEY: this.s3.credentials.secretKey,
      S3_BUCKET: DOCUMENTS_BUCKET,
      S3_REGION: EMBEDDED_S3_REGION,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.ports.smtp),
      AUTH_JWKS_URL: `${this.gatewayUrl}/.well-known/jwks.json`,
      ACCESS_TOKEN_KEY_FILE: join(this.options.dataDir, 'keys', 'access-token.jwk.json'),
      DEV_IDP_ENABLED: String(this.withDevIdp),
      DEV_IDP_PUBLIC_URL: this.serviceUrl('dev-idp').replace('127.0.0.1', 'localhost'),
      SP_METADATA_URL: `${this.gatewayUrl}/api/identity/saml/metadata`,
      DEV_IDP_DATA_DIR: join(this.options.dataDir, 'dev-idp'),
      IDENTITY_DATA_DIR: join(this.options.dataDir, 'identity'),
      WEB_DIST: this.webDist,
      BACKOFFICE_DIST: this.backofficeDist,
      ...(this.withDevCa && service === 'document-store' ? { TRUST_LIST_FILE: this.devCaFiles.certificate } : {}),
      ...this.options.env,
    };
  }

  private entryOf(service: ServiceName): string {
    return join(this.options.rootDir, 'dist/apps', service, 'main.js');
  }

  /** Spawns a service and resolves when it answers its health check. */
  async startService(service: ServiceName): Promise<void> {
    const existing = this.services.get(service);
    const log =
      existing?.log ?? createWriteStream(join(this.options.dataDir, 'logs', `${service}.log`), { flags: 'a' });
    const running: RunningService = { name: service, log, expectedExit: false, tail: '' };
    this.services.set(service, running);
    const child = spawn(process.execPath, [...nodeArgsFor(service), this.entryOf(service)], {
      cwd: this.options.rootDir,
      env: { ...process.env, ...this.envFor(service) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.child = child;
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const keepTail = (chunk: Buffer) => {
      running.tail = (running.tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
    };
    child.stdout.on('data', keepTail);
    child.stderr.on('data', keepTail);
    child.on('exit', (code, signal) => {
      if (running.expectedExit || this.stopping) return;
      this.options.onStatus?.(
        `${service} exited (${signal ?? code}); see ${join(this.options.dataDir, 'logs', `${service}.log`)}`,
      );
      if (this.options.autoRestart) {
        setTimeout(() => {
          if (!this.stopping) this.startService(service).catch(() => undefined);
        }, 1000);
      }
    });
    // The gateway's /health waits for every service: here only its own liveness.
    const healthPath = service === 'dev-idp' || service === 'gateway' ? '/health/live' : '/health';
    await waitForHealth(`${this.serviceUrl(service)}${healthPath}`, running, 60_000);
    this.options.onStatus?.(`${service.padEnd(13)} ${this.serviceUrl(service)}  ✓`);
  }

  /** Kills a service process (SIGKILL by default: no graceful shutdown) and waits for it to exit. */
  async killService(service: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = this.services.get(service);
    const child = running?.child;
    if (!running || !child || child.exitCode !== null || child.signalCode !== null) return;
    running.expectedExit = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const order: ServiceName[] = ['gateway', ...(this.withDevIdp ? (['dev-idp'] as const) : []), ...BACKEND_SERVICES];
    await this.killAll(order.slice(0, 1), 'SIGTERM');
    await this.killAll(order.slice(1), 'SIGTERM');
    for (const s of this.services.values()) s.log.end();
    await Promise.allSettled([this.s3.stop(), this.mail.stop()]);
    await this.postgres.stop();
  }

  private async killAll(services: ServiceName[], signal: NodeJS.Signals): Promise<void> {
    await Promise.all(
      services.map(async (s) => {
        const running = this.services.get(s);
        const child = running?.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        running.expectedExit = true;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}

async function waitForHealth(
  url: string,
  running: { name: string; child?: ChildProcess; tail?: string },
  timeoutMs: number,
): Promise<void> {
  const { child, name } = running;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      // Let the last output arrive, then name the cause here: a log file is gone with a CI machine.
      await new Promise((r) => setTimeout(r, 100));
      const last = (running.tail ?? '').trim().split('\n').slice(-15).join('\n');
      throw new Error(
        `${name} exited during start-up (${child.signalCode ?? child.exitCode}); see its log` +
          (last ? `. Its last output:\n${last}` : ''),
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} not healthy after ${timeoutMs} ms (${url})`);
}

/**
 * Node's arguments for a service. `PROFILA_CPU_PROF_DIR` (a directory) makes every service — or only those listed in
 * `PROFILA_CPU_PROF_SERVICES`, comma-separated — write a V8 CPU profile there when it stops: how the benchmarks'
 * figures are explained (Node refuses `--cpu-prof` in NODE_OPTIONS).
 */
function nodeArgsFor(service: ServiceName): string[] {
  const args = ['--enable-source-maps'];
  const dir = process.env.PROFILA_CPU_PROF_DIR;
  const only = process.env.PROFILA_CPU_PROF_SERVICES?.split(',').map((s) => s.trim());
  if (dir && (!only || only.includes(service))) args.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  return args;
}
