import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Actor } from '../context/request-context.js';
import { TokenVerifier } from './token-verifier.js';

/**
 * The short-lived access token the gateway mints from a session for each request to a service: who the caller is
 * and which organisation they are acting for. ES256, verified by every service against the gateway's key set.
 */
export const ACCESS_TOKEN_ISSUER = 'profila-gateway';
export const ACCESS_TOKEN_AUDIENCE = 'profila-services';
export const ACCESS_TOKEN_TTL_SECONDS = 60;
const ALG = 'ES256';

interface AccessTokenClaims {
  kind: Actor['kind'];
  actingFor?: string;
  territories?: string[];
}

export class AccessTokenIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    readonly publicJwk: JWK,
  ) {}

  /** From a private JWK (production: a Secret). The key id is kept in the public key set. */
  static async fromPrivateJwk(jwk: JWK): Promise<AccessTokenIssuer> {
    const key = (await importJWK(jwk, ALG)) as CryptoKey;
    const { d: _d, ...pub } = jwk;
    return new AccessTokenIssuer(key, { ...pub, alg: ALG, use: 'sig' });
  }

  /** A fresh key pair (embedded mode persists it; tests throw it away). */
  static async generate(
    kid = `profila-${Date.now().toString(36)}`,
  ): Promise<{ issuer: AccessTokenIssuer; privateJwk: JWK }> {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG };
    return { issuer: await AccessTokenIssuer.fromPrivateJwk(privateJwk), privateJwk };
  }

  /** The JWKS document services verify with. */
  get jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async issue(actor: Actor, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): Promise<string> {
    const claims: AccessTokenClaims = { kind: actor.kind };
    if (actor.actingFor) claims.actingFor = actor.actingFor;
    if (actor.territories) claims.territories = actor.territories;
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid })
      .setSubject(actor.id)
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.privateKey);
  }
}

interface VerifiedToken {
  /** The whole token: a hit must be the very token verified, not one that merely ends with its signature. */
  token: string;
  actor: Actor;
  /** Its `exp`, in ms: never used after it (no clock tolerance on the fast path). */
  expiresAt: number;
}

/**
 * Verifies `Authorization: Bearer <access token>` against the gateway's key set (URL or inline JWKS).
 *
 * Every check is made the first time a token is seen: ES256 only, the key from the key set (imported once per key
 * by jose's key set), issuer, audience, expiry, subject and kind. The gateway reuses a session's token for half a
 * minute, so a verified token is remembered by its signature for the rest of its lifetime (bounded LRU): the same
 * token again costs a map lookup, a string comparison and an expiry check instead of a JWS verification. A key
 * removed from the key set therefore stops working for the tokens already seen when they expire (≤ 60 s).
 */
export class AccessTokenVerifier extends TokenVerifier {
  private readonly keySet: ReturnType<typeof createRemoteJWKSet> | ReturnType<typeof createLocalJWKSet>;
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    source: { jwksUrl: string } | { jwks: { keys: JWK[] } },
    private readonly maxCached = 10_000,
  ) {
    super();
    this.keySet =
      'jwksUrl' in source
        ? createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 5_000, cacheMaxAge: 10 * 60_000 })
        : createLocalJWKSet(source.jwks);
  }

  async verify(headers: Record<string, string | string[] | undefined>): Promise<Actor | undefined> {
    const auth = headers.authorization;
    if (typeof auth !== 'string' || !auth.startsWith('Bearer ')) return undefined;
    const token = auth.slice(7);
    const signature = token.slice(token.lastIndexOf('.') + 1);
    const hit = this.verified.get(signature);
    if (hit !== undefined) {
      if (hit.token === token && hit.expiresAt > Date.now()) {
        // Most recently used last: the map's first entry is the one to drop when full.
        this.verified.delete(signature);
        this.verified.set(signature, hit);
        return copyOf(hit.actor);
      }
      if (hit.expiresAt <= Date.now()) this.verified.delete(signature);
    }
    const verified = await this.verifySlowly(token);
    if (!verified) return undefined;
    if (signature.length > 0 && verified.expiresAt > Date.now()) {
      if (this.verified.size >= this.maxCached) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(signature, verified);
    }
    return copyOf(verified.actor);
  }

  /** The number of tokens remembered (tests). */
  get cachedTokens(): number {
    return this.verified.size;
  }

  private async verifySlowly(token: string): Promise<VerifiedToken | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.keySet, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: [ALG],
        clockTolerance: 5,
        requiredClaims: ['exp', 'sub'],
      });
      const claims = payload as unknown as AccessTokenClaims & { sub?: string; exp: number };
      if (!claims.sub || !['citizen', 'operator', 'service', 'system'].includes(claims.kind)) return undefined;
      const actor: Actor = { kind: claims.kind, id: claims.sub };
      if (typeof claims.actingFor === 'string') actor.actingFor = claims.actingFor;
      if (Array.isArray(claims.territories)) actor.territories = claims.territories.map(String);
      return { token, actor, expiresAt: claims.exp * 1000 };
    } catch {
      return undefined;
    }
  }
}

/** Each request gets its own actor object: nothing a handler changes on one leaks into the next. */
function copyOf(actor: Actor): Actor {
  const copy: Actor = { ...actor };
  if (actor.territories) copy.territories = [...actor.territories];
  return copy;
}

/** Tries each verifier in turn: the service credential, then the gateway's access token. */
export class CompositeTokenVerifier extends TokenVerifier {
  constructor(private readonly verifiers: TokenVerifier[]) {
    super();
  }

  async verify(headers: Record<string, string | string[] | undefined>): Promise<Actor | undefined> {
    for (const v of this.verifiers) {
      const actor = await v.verify(headers);
      if (actor) return actor;
    }
    return undefined;
  }
}
