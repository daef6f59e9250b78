import type { AuthnComparison, SpidLevel } from './spid-level.js';

/** What we remember of an AuthnRequest until its Response comes back. */
export interface AuthnRequestRecord {
  /** entityID of the IdP the request was sent to: the only one allowed to answer. */
  idp: string;
  level: SpidLevel;
  comparison?: AuthnComparison;
  /** The request's IssueInstant. */
  issuedAt: Date;
  /** After this instant the request cannot be answered any more. */
  expiresAt: Date;
  relayState?: string;
}

export interface StoredAuthnRequest extends AuthnRequestRecord {
  id: string;
}

/** `R`: what the store keeps of a request (the identity service keeps the login's context beside the SAML facts). */
export type AuthnRequestConsumeResult<R extends StoredAuthnRequest = StoredAuthnRequest> =
  | { status: 'consumed'; request: R }
  | { status: 'unknown' }
  | { status: 'already-consumed'; request: R }
  | { status: 'expired'; request: R };

/**
 * Pending AuthnRequests, single use: `consume` succeeds once per id, atomically, so a Response can never be replayed.
 * The identity service backs it by PostgreSQL (UPDATE … SET consumed_at = now() WHERE consumed_at IS NULL RETURNING);
 * tests and the benchmark use the in-memory one.
 */
export interface AuthnRequestStore<R extends StoredAuthnRequest = StoredAuthnRequest> {
  save(id: string, record: AuthnRequestRecord): Promise<void>;
  consume(id: string, now?: Date): Promise<AuthnRequestConsumeResult<R>>;
}

/** In-process store for unit tests and single-node tools. Consumed ids are kept until they expire (replay detection). */
export class InMemoryAuthnRequestStore implements AuthnRequestStore {
  private readonly requests = new Map<string, StoredAuthnRequest & { consumed: boolean }>();
  private lastPurge = 0;

  async save(id: string, record: AuthnRequestRecord): Promise<void> {
    if (this.requests.has(id)) throw new Error(`AuthnRequest ${id} already stored`);
    this.requests.set(id, { ...record, id, consumed: false });
  }

  async consume(id: string, now: Date = new Date()): Promise<AuthnRequestConsumeResult> {
    this.purge(now);
    const entry = this.requests.get(id);
    if (!entry) return { status: 'unknown' };
    const { consumed, ...request } = entry;
    if (consumed) return { status: 'already-consumed', request };
    entry.consumed = true;
    if (entry.expiresAt.getTime() <= now.getTime()) return { status: 'expired', request };
    return { status: 'consumed', request };
  }

  get size(): number {
    return this.requests.size;
  }

  /** Forgets requests expired for more than a day (long after any replay could matter). */
  private purge(now: Date): void {
    if (now.getTime() - this.lastPurge < 60_000) return;
    this.lastPurge = now.getTime();
    const horizon = now.getTime() - 24 * 60 * 60 * 1000;
    for (const [id, entry] of this.requests) {
      if (entry.expiresAt.getTime() < horizon) this.requests.delete(id);
    }
  }
}
