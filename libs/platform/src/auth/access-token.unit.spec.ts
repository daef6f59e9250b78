import { jest } from '@jest/globals';
import { SignJWT } from 'jose';
import { AccessTokenIssuer, AccessTokenVerifier } from './access-token.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const CITIZEN = { kind: 'citizen' as const, id: 'RSSMRA80A01H501U' };

describe('AccessTokenVerifier fast path', () => {
  let issuer: AccessTokenIssuer;
  let privateJwk: Awaited<ReturnType<typeof AccessTokenIssuer.generate>>['privateJwk'];
  let verifier: AccessTokenVerifier;

  beforeEach(async () => {
    ({ issuer, privateJwk } = await AccessTokenIssuer.generate('kid-1'));
    verifier = new AccessTokenVerifier({ jwks: issuer.jwks });
  });

  it('verifies a token once and then answers the same actor from the cache, a fresh copy each time', async () => {
    const token = await issuer.issue({ ...CITIZEN, actingFor: 'org-1' });
    const first = await verifier.verify(bearer(token));
    expect(first).toEqual({ ...CITIZEN, actingFor: 'org-1' });
    expect(verifier.cachedTokens).toBe(1);
    first!.actingFor = 'changed by a handler';
    expect(await verifier.verify(bearer(token))).toEqual({ ...CITIZEN, actingFor: 'org-1' });
    expect(verifier.cachedTokens).toBe(1);
  });

  it('refuses a token that carries a cached signature over another payload (the hit must be the very token)', async () => {
    const token = await issuer.issue(CITIZEN);
    expect(await verifier.verify(bearer(token))).toBeDefined();
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'BNCGNN75C41F205X', actingFor: 'org-9' })).toString(
      'base64url',
    );
    expect(await verifier.verify(bearer(`${header}.${forged}.${signature}`))).toBeUndefined();
    // and the real token still works
    expect(await verifier.verify(bearer(token))).toEqual(CITIZEN);
  });

  it('keeps every check of the slow path: issuer, audience, algorithm, expiry, key', async () => {
    const key = await crypto.subtle.importKey(
      'jwk',
      privateJwk as JsonWebKey,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    const sign = (claims: { iss?: string; aud?: string; exp?: number | string }) => {
      let jwt = new SignJWT({ kind: 'citizen' })
        .setProtectedHeader({ alg: 'ES256', kid: 'kid-1' })
        .setSubject(CITIZEN.id);
      if (claims.iss) jwt = jwt.setIssuer(claims.iss);
      if (claims.aud) jwt = jwt.setAudience(claims.aud);
      if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
      return jwt.sign(key);
    };
    const good = { iss: 'profila-gateway', aud: 'profila-services', exp: '60s' };
    expect(await verifier.verify(bearer(await sign(good)))).toEqual(CITIZEN);
    for (const bad of [
      { ...good, iss: 'someone-else' },
      { ...good, aud: 'another-audience' },
      { ...good, exp: Math.floor(Date.now() / 1000) - 60 },
      { iss: good.iss, aud: good.aud }, // no expiry at all
    ]) {
      expect(await verifier.verify(bearer(await sign(bad)))).toBeUndefined();
    }
    const { issuer: stranger } = await AccessTokenIssuer.generate('kid-1');
    expect(await verifier.verify(bearer(await stranger.issue(CITIZEN)))).toBeUndefined();
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: CITIZEN.id, kind: 'citizen', iss: good.iss, aud: good.aud, exp: 9e9 }),
    ).toString('base64url')}.`;
    expect(await verifier.verify(bearer(unsigned))).toBeUndefined();
    expect(verifier.cachedTokens).toBe(1); // only the good one
  });

  it('never answers a cached token after its expiry', async () => {
    const token = await issuer.issue(CITIZEN, 1);
    expect(await verifier.verify(bearer(token))).toEqual(CITIZEN);
    const exp = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp;
    // Only the clock moves: 10 s after expiry, beyond the slow path's 5 s clock tolerance too.
    jest.useFakeTimers({
      now: exp * 1000 + 10_000,
      doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout'],
    });
    try {
      expect(await verifier.verify(bearer(token))).toBeUndefined();
      expect(verifier.cachedTokens).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps a bounded number of tokens, the least recently used leaving first', async () => {
    const small = new AccessTokenVerifier({ jwks: issuer.jwks }, 2);
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((id) => issuer.issue({ kind: 'citizen', id })));
    await small.verify(bearer(a));
    await small.verify(bearer(b));
    await small.verify(bearer(a)); // a is now the most recent
    await small.verify(bearer(c)); // b leaves
    expect(small.cachedTokens).toBe(2);
    expect(await small.verify(bearer(b))).toEqual({ kind: 'citizen', id: 'B' }); // still valid, verified again
  });
});
