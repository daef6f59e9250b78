import type { SessionResolveResponse } from '@profila/contracts';
import { SERVICE_TOKEN_HEADER } from '@profila/platform';

interface CacheEntry {
  value: SessionResolveResponse | null;
  expiresAt: number;
}

/** Session ids identity issues: opaque, URL-safe. Anything else is no session, without asking identity. */
const SESSION_ID = /^[A-Za-z0-9_-]{20,128}$/;

/**
 * Asks identity (which owns sessions) whether a session id is live, and caches the answer briefly so that a page
 * load with many API calls costs one lookup. A session ended by logout or single logout stops working within the TTL.
 */
export class SessionResolver {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly identityUrl: string,
    private readonly serviceToken: string,
    private readonly ttlMs = 3000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The live session, `null` for none; throws when identity cannot say (down, or an unexpected answer). */
  async resolve(sessionId: string): Promise<SessionResolveResponse | null> {
    if (!SESSION_ID.test(sessionId)) return null;
    const now = Date.now();
    const cached = this.cache.get(sessionId);
    if (cached && cached.expiresAt > now) return cached.value;
    const res = await fetch(`${this.identityUrl}/sessions/${sessionId}/resolve`, {
      method: 'POST',
      headers: { [SERVICE_TOKEN_HEADER]: this.serviceToken, 'x-profila-service': 'gateway' },
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
    } else if (res.status !== 404 && res.status !== 401 && res.status !== 410) {
      throw new Error(`identity answered ${res.status} resolving a session`);
    }
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(sessionId, { value, expiresAt: now + this.ttlMs });
    return value;
  }

  /** Forget a session at once (the gateway saw the logout go through). */
  forget(sessionId: string): void {
    this.cache.delete(sessionId);
  }
}
