import type { SessionResolveResponse } from '@profila/contracts';
import { SERVICE_CALLER_HEADER, SERVICE_TOKEN_HEADER } from '@profila/platform';

interface CacheEntry {
  value: SessionResolveResponse | null;
  expiresAt: number;
}

/** Session ids identity issues: opaque, URL-safe. Anything else is no session, without asking identity. */
const SESSION_ID = /^[A-Za-z0-9_-]{20,128}$/;

/** The longest a resolve answer may be reused: identity drops a revoked acting-as within 1 s, the gateway too. */
export const MAX_SESSION_CACHE_TTL_MS = 1000;

/**
 * Asks identity (which owns sessions) whether a session id is live, and caches the answer briefly so that a page
 * load with many API calls costs one lookup:
 * - for at most `ttlMs` (≤ 1 s): identity's answer drops an acting-as within 1 s of its revocation, and the access
 *   token the gateway mints says whom the citizen acts for, so a staler cache would let a revoked delegation act on;
 * - concurrent misses of one session id share one call to identity;
 * - `forget` drops a session at once (the gateway saw its logout); a session ended elsewhere (single logout, idle
 *   timeout) stops working within the TTL.
 */
export class SessionResolver {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<SessionResolveResponse | null>>();
  /** Bumped by `forget`: an answer asked for before a logout is not cached after it. */
  private readonly forgotten = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly identityUrl: string,
    private readonly serviceToken: string,
    private readonly ttlMs = MAX_SESSION_CACHE_TTL_MS,
    private readonly maxEntries = 10_000,
  ) {
    if (!(ttlMs >= 0 && ttlMs <= MAX_SESSION_CACHE_TTL_MS)) {
      throw new Error(`the session cache TTL must be between 0 and ${MAX_SESSION_CACHE_TTL_MS} ms`);
    }
  }

  /** The live session, `null` for none; throws when identity cannot say (down, or an unexpected answer). */
  resolve(sessionId: string): Promise<SessionResolveResponse | null> {
    if (!SESSION_ID.test(sessionId)) return Promise.resolve(null);
    const cached = this.cache.get(sessionId);
    if (cached !== undefined) {
      if (cached.expiresAt > Date.now()) return Promise.resolve(cached.value);
      this.cache.delete(sessionId);
    }
    let pending = this.inFlight.get(sessionId);
    if (pending === undefined) {
      pending = this.ask(sessionId).finally(() => this.inFlight.delete(sessionId));
      this.inFlight.set(sessionId, pending);
    }
    return pending;
  }

  /** Forget a session at once (the gateway saw the logout go through). */
  forget(sessionId: string): void {
    this.cache.delete(sessionId);
    this.inFlight.delete(sessionId);
    this.forgotten.set(sessionId, ++this.generation);
    if (this.forgotten.size > this.maxEntries) this.forgotten.delete(this.forgotten.keys().next().value!);
  }

  private async ask(sessionId: string): Promise<SessionResolveResponse | null> {
    const asked = this.generation;
    const res = await fetch(`${this.identityUrl}/sessions/${sessionId}/resolve`, {
      method: 'POST',
      headers: { [SERVICE_TOKEN_HEADER]: this.serviceToken, [SERVICE_CALLER_HEADER]: 'gateway' },
      signal: AbortSignal.timeout(3000),
    });
    let value: SessionResolveResponse | null = null;
    if (res.ok) {
      const body = (await res.json()) as Partial<SessionResolveResponse>;
      if (typeof body.codiceFiscale !== 'string') throw new Error('identity answered a session without a citizen');
      value = {
        codiceFiscale: body.codiceFiscale,
        actingFor: body.actingFor ?? null,
        // Missing (an identity that does not bind the token yet): no unsafe request is accepted for this session.
        csrfTokenSha256: typeof body.csrfTokenSha256 === 'string' ? body.csrfTokenSha256 : '',
      };
    } else {
      await res.body?.cancel();
      if (res.status !== 404 && res.status !== 401 && res.status !== 410) {
        throw new Error(`identity answered ${res.status} resolving a session`);
      }
    }
    // Asked before this session's logout: answer this request, but do not keep what may be the pre-logout state.
    if ((this.forgotten.get(sessionId) ?? 0) > asked) return value;
    if (this.ttlMs > 0) {
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(sessionId, { value, expiresAt: Date.now() + this.ttlMs });
    }
    return value;
  }
}
