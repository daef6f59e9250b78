import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { createLogger } from '@profila/platform';
import type { DelegationEnv } from '../config/delegation.env.js';
import { DELEGATION_ENV } from '../config/delegation.tokens.js';
import { ACCESS_RIGHT_CHANNEL, AccessRightRepository, type Grant } from './access-right.repository.js';

/** Entries live this long while the listener is down (the bound on staleness without NOTIFY). */
const TTL_WITHOUT_LISTENER_MS = 500;
const MAX_ENTRIES = 100_000;

interface Entry {
  grants: Promise<Grant[]>;
  loadedAt: number;
}

/**
 * A citizen's live grants in memory, so that a check costs no query. Every change of access_right announces the
 * citizen with NOTIFY at commit; each replica LISTENs and evicts, so a revocation is refused by every replica within
 * milliseconds of its commit. Without a listener (lost connection) entries live at most 500 ms.
 */
@Injectable()
export class AccessRightCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = createLogger('delegation:access-cache');
  private readonly entries = new Map<string, Entry>();
  private listener?: pg.Client;
  private closed = false;

  constructor(
    private readonly rights: AccessRightRepository,
    @Inject(DELEGATION_ENV) private readonly env: DelegationEnv,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen().catch((e: unknown) => this.logger.warn({ err: e }, 'access-right LISTEN failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.env.DATABASE_URL, application_name: 'profila-access-cache' });
    client.on('notification', (n) => {
      if (n.payload) this.entries.delete(n.payload);
    });
    client.on('error', (e) => {
      this.logger.warn({ err: e }, 'access-right listener lost; short-lived entries until it is back');
      if (this.listener === client) this.listener = undefined;
      this.entries.clear();
      setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${ACCESS_RIGHT_CHANNEL}`);
    this.listener = client;
    this.entries.clear(); // anything loaded while nobody listened may be stale
  }

  grantsOf(citizenCf: string): Promise<Grant[]> {
    const now = Date.now();
    const ttl = this.listener
      ? this.env.ACCESS_CACHE_TTL_MS
      : Math.min(TTL_WITHOUT_LISTENER_MS, this.env.ACCESS_CACHE_TTL_MS);
    const hit = this.entries.get(citizenCf);
    if (hit && now - hit.loadedAt < ttl) return hit.grants;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const grants = this.rights.liveGrantsOf(citizenCf);
    const entry = { grants, loadedAt: now };
    this.entries.set(citizenCf, entry);
    // A failed load is not remembered; an eviction that arrived during the load wins (the entry is gone).
    grants.catch(() => {
      if (this.entries.get(citizenCf) === entry) this.entries.delete(citizenCf);
    });
    return grants;
  }

  /** Drops a citizen's entry now (the writer's own replica does not wait for the NOTIFY round trip). */
  evict(citizenCf: string): void {
    this.entries.delete(citizenCf);
  }
}
