import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';

export interface S3ServerOptions {
  port: number;
  directory: string;
  buckets: string[];
  host?: string;
}

interface S3rverLike {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  httpServer?: Server;
}

/**
 * An S3-protocol endpoint in Node (s3rver) for the embedded mode and the tests: the `minio` client talks to it as to
 * MinIO. Access key / secret `S3RVER` / `S3RVER` (s3rver's fixed credentials).
 */
export class S3Server {
  static readonly ACCESS_KEY = 'S3RVER';
  static readonly SECRET_KEY = 'S3RVER';
  private server?: S3rverLike;

  constructor(private readonly options: S3ServerOptions) {}

  get endpoint(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.options.port}`;
  }

  async start(): Promise<void> {
    await mkdir(this.options.directory, { recursive: true });
    const S3rver = createRequire(import.meta.url)('s3rver') as new (o: Record<string, unknown>) => S3rverLike;
    this.server = new S3rver({
      address: this.options.host ?? '127.0.0.1',
      port: this.options.port,
      directory: this.options.directory,
      silent: true,
      vhostBuckets: false,
      configureBuckets: this.options.buckets.map((name) => ({ name })),
    });
    await this.server.run();
  }

  async stop(): Promise<void> {
    this.server?.httpServer?.closeAllConnections?.();
    await this.server?.close();
  }
}
