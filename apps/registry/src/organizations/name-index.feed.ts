import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { NameIndex } from './name-index.js';

/** The channel the organisation trigger notifies on (migration SearchNameNotify), with the row's id, kind and name. */
export const NAME_CHANNEL = 'registry_organization_name';
const PAGE = 50_000;
const RETRY_MS = 1_000;

interface Change {
  id: string;
  f: boolean;
  n: string | null;
  /** The table was truncated, or a name was too long for a notification: start over from the table. */
  resync?: true;
}

/**
 * Keeps this replica's NameIndex equal to the organization table (ADR 0015). A trigger on the table NOTIFYs every
 * committed insert, rename, change of kind, delete or truncate, whoever wrote it (any replica, the legacy import, psql), in
 * commit order, to every listening connection. The feed LISTENs first, then reads the whole table (so a change
 * committed during the read is both read or not and then applied from its notification: the end state is the
 * latest), then applies what it received meanwhile, and only then serves. If its connection drops it stops serving
 * (search falls back to PostgreSQL's trigram index) and starts over with a new index.
 */
@Injectable()
export class NameIndexFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NameIndexFeed');
  private index?: NameIndex;
  private client?: pg.Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  /** The index, while it is known to be complete and current; undefined otherwise (search uses PostgreSQL). */
  get ready(): NameIndex | undefined {
    return this.index;
  }

  onApplicationBootstrap(): void {
    void this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.index = undefined;
    await this.client?.end().catch(() => undefined);
  }

  /**
   * An organisation this replica has just registered (committed), recorded before its notification arrives, so that
   * the citizen who registered it finds it at once. Only when the index does not know it yet: a notification about it
   * that came first is at least as new. (Renames wait for their notification: recording one here could overwrite a
   * later rename by someone else.)
   */
  registered(id: string, foreign: boolean, name: string): void {
    this.index?.applyIfAbsent(id, foreign, name);
  }

  private async start(): Promise<void> {
    if (this.stopped) return;
    const options = (this.dataSource.driver as unknown as { master: pg.Pool }).master.options;
    const client = new pg.Client({ ...options, application_name: 'profila-registry-name-index' });
    this.client = client;
    let pending: Change[] | undefined = [];
    let index: NameIndex | undefined;
    const fail = (error: unknown) => {
      if (this.client !== client) return;
      this.index = undefined;
      this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(`name index feed lost (${String(error)}): search uses PostgreSQL until it is rebuilt`);
      this.retry = setTimeout(() => void this.start(), RETRY_MS);
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel !== NAME_CHANNEL || !message.payload) return;
      const change = JSON.parse(message.payload) as Change;
      if (change.resync) fail(new Error('resync asked (truncate or oversized name)'));
      else if (pending) pending.push(change);
      else index?.apply(change.id, change.f, change.n);
    });
    try {
      const started = performance.now();
      await client.connect();
      await client.query(`LISTEN ${NAME_CHANNEL}`);
      const rows: Array<{ id: string; foreign: boolean; name: string }> = [];
      for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
        const page = await client.query<{ id: string; foreign: boolean; name: string }>(
          `SELECT id, kind = 'azienda-estera' AS foreign, ragione_sociale_norm AS name FROM organization
            WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
          [after],
        );
        for (const row of page.rows) rows.push(row);
        if (page.rows.length < PAGE) break;
        after = page.rows[page.rows.length - 1].id;
      }
      index = await NameIndex.build(rows);
      for (const change of pending) index.apply(change.id, change.f, change.n);
      pending = undefined;
      if (this.client !== client) return;
      this.index = index;
      this.logger.log(`name index ready: ${index.size} organisations in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      fail(error);
    }
  }
}
