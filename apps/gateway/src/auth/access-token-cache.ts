import type { AccessTokenIssuer } from '@profila/platform';
import { ACCESS_TOKEN_TTL_SECONDS } from '@profila/platform';

/** Who a token speaks for: the session's citizen, and the organisation they act for (none: their own profile). */
export interface TokenSubject {
  codiceFiscale: string;
  actingFor: string | null;
}

interface CachedToken {
  token: Promise<string>;
  /** When a request stops reusing it and a new one is signed (half its lifetime: always ≥ 30 s left when sent). */
  renewAt: number;
}

/**
 * The access token of a session, signed once and reused for half its 60 s lifetime instead of an ES256 signature per
 * request. One entry per session *and* acting-as: the key is the session id, the citizen and the organisation, so a
 * change of acting-as (chosen, or revoked: identity's resolve answer) is a new token at once, and no token is ever
 * shared between sessions. Bounded (oldest entry out first). The session ids are the same ones the resolve cache
 * keeps for a second; hashing them here cost a SHA-256 per request and protected nothing the process does not hold.
 */
export class AccessTokenCache {
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    private readonly issuer: AccessTokenIssuer,
    private readonly reuseMs = (ACCESS_TOKEN_TTL_SECONDS * 1000) / 2,
    private readonly maxEntries = 10_000,
  ) {}

  tokenFor(sessionId: string, subject: TokenSubject): Promise<string> {
    const key = keyOf(sessionId, subject);
    const now = Date.now();
    const cached = this.tokens.get(key);
    if (cached !== undefined && cached.renewAt > now) return cached.token;
    if (cached !== undefined) this.tokens.delete(key);
    else if (this.tokens.size >= this.maxEntries) this.tokens.delete(this.tokens.keys().next().value!);
    const token = this.issuer.issue({
      kind: 'citizen',
      id: subject.codiceFiscale,
      ...(subject.actingFor ? { actingFor: subject.actingFor } : {}),
    });
    const entry: CachedToken = { token, renewAt: now + this.reuseMs };
    this.tokens.set(key, entry);
    // A failed signature is not kept: the next request tries again.
    token.catch(() => this.tokens.get(key) === entry && this.tokens.delete(key));
    return token;
  }

  /** Drop a session's token (its logout). */
  forget(sessionId: string, subject: TokenSubject): void {
    this.tokens.delete(keyOf(sessionId, subject));
  }

  get size(): number {
    return this.tokens.size;
  }
}

function keyOf(sessionId: string, { codiceFiscale, actingFor }: TokenSubject): string {
  // Session ids are URL-safe base64 and codici fiscali alphanumeric: a newline cannot occur inside either part.
  return `${sessionId}\n${codiceFiscale}\n${actingFor ?? ''}`;
}
