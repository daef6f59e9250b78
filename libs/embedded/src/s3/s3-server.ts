import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateS3Credentials } from './s3-credentials.js';
import type { S3ProcessConfig, S3ProcessMessage } from './s3-process.js';
import type { S3Credentials } from './sigv4.js';

export interface S3ServerOptions {
  port: number;
  directory: string;
  buckets: string[];
  host?: string;
  /** The one key pair requests must be signed with (default: a fresh random pair). */
  credentials?: S3Credentials;
  /** Region of the signing scope (document-store's S3_REGION). */
  region?: string;
  /** Largest request body (default 64 MiB: above the largest document). */
  maxBodyBytes?: number;
  /** Start the process again when it dies (default true). */
  restart?: boolean;
  /** File the process's stdout / stderr are appended to (its last lines are also kept for start-up errors). */
  logFile?: string;
  onStatus?: (line: string) => void;
}

/**
 * The built entry of the S3 process (the same from src/ under jest and from dist/). Like every service, it runs
 * from the build: `node scripts/build.mjs` makes it.
 */
export const S3_PROCESS_ENTRY = fileURLToPath(new URL('../../dist/s3/s3-process.js', import.meta.url));

/**
 * An S3-protocol endpoint for the embedded mode and the tests, in a process of its own that this object supervises
 * (restarted when it dies: a request that crashes it takes nothing else down). Requests must be signed (AWS
 * Signature V4) with {@link credentials}; the `minio` client talks to it as to MinIO. See s3-front.ts for what the
 * front refuses.
 */
export class S3Server {
  readonly credentials: S3Credentials;
  readonly region: string;
  private child?: ChildProcess;
  private runDir?: string;
  private stopping = false;
  private restarts = 0;
  private output: string[] = [];
  private log?: WriteStream;

  constructor(private readonly options: S3ServerOptions) {
    this.credentials = options.credentials ?? generateS3Credentials();
    this.region = options.region ?? 'us-east-1';
  }

  get endpoint(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.options.port}`;
  }

  /** Pid of the running S3 process. */
  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  async start(): Promise<void> {
    if (!existsSync(S3_PROCESS_ENTRY)) {
      throw new Error(`S3 endpoint not built: ${S3_PROCESS_ENTRY} is missing (run node scripts/build.mjs)`);
    }
    this.stopping = false;
    this.runDir ??= await mkdtemp(join(tmpdir(), 'profila-s3-'));
    if (this.options.logFile && !this.log) {
      await mkdir(dirname(this.options.logFile), { recursive: true });
      this.log = createWriteStream(this.options.logFile, { flags: 'a' });
    }
    try {
      await this.spawnChild();
    } catch (error) {
      this.stopping = true; // no restart of a process that could not start the first time
      throw error;
    }
  }

  private spawnChild(): Promise<void> {
    const child = spawn(process.execPath, ['--enable-source-maps', S3_PROCESS_ENTRY, this.options.directory], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development' },
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      if (this.log) stream?.pipe(this.log, { end: false });
      stream?.on('data', (chunk: Buffer) => {
        this.output = [...this.output, ...chunk.toString('utf8').split('\n')].slice(-40);
      });
    }
    const config: S3ProcessConfig = {
      host: this.options.host ?? '127.0.0.1',
      port: this.options.port,
      runDir: this.runDir!,
      directory: this.options.directory,
      buckets: this.options.buckets,
      credentials: this.credentials,
      region: this.region,
      maxBodyBytes: this.options.maxBodyBytes ?? 64 * 1024 * 1024,
    };
    const ready = new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        reject(new Error(`S3 endpoint exited during start-up (${signal ?? code}): ${this.output.join('\n').trim()}`));
      child.once('exit', onExit);
      child.on('message', (message: S3ProcessMessage) => {
        if (message.type === 'ready') {
          child.off('exit', onExit);
          resolve();
        } else {
          reject(new Error(`S3 endpoint failed to start: ${message.message}`));
        }
      });
    });
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      if (this.options.restart === false) {
        this.options.onStatus?.(`s3 exited (${signal ?? code})`);
        return;
      }
      // Back off when it keeps dying at start (e.g. the port is taken), up to 10 s.
      const delay = Math.min(10_000, 250 * 2 ** Math.min(this.restarts++, 6));
      this.options.onStatus?.(`s3 exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => {
        if (this.stopping || this.child !== child) return;
        this.spawnChild().then(
          () => {
            this.restarts = 0;
            this.options.onStatus?.(`s3            ${this.endpoint}  restarted ✓`);
          },
          () => undefined, // its exit schedules the next attempt
        );
      }, delay).unref();
    });
    child.send(config);
    return ready;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (this.runDir) await rm(this.runDir, { recursive: true, force: true });
    this.runDir = undefined;
    this.log?.end();
    this.log = undefined;
  }
}
