import { createHash } from 'node:crypto';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, type SessionResolveResponse } from '@profila/contracts';
import { SERVICE_TOKEN_HEADER } from '@profila/platform';
import { createTestCa } from '@profila/testing';
import { loadGatewayEnv } from '../src/config/gateway.env.js';
import { createGatewayApp } from '../src/gateway.app.js';

/**
 * The gateway's hop made cheap (issue #14.3) without weakening it: a session's access token is reused, but never
 * across sessions nor acting-as; identity's resolve answer is cached for at most the TTL (≤ 1 s, so a revoked
 * acting-as is gone within it), concurrent misses share one call, and a logout drops the entry at once.
 */
const SERVICE_TOKEN = 'gateway-hop-test-service-token';
const CITIZEN = 'RSSMRA80A01H501U';
const CSRF = 'csrf-token-of-the-hop-test-0123456789';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('gateway hop', () => {
  const sessions = new Map<string, SessionResolveResponse>();
  const resolveCalls = new Map<string, number>();
  /** The next resolve of these sessions answers after this many ms. */
  const slowAnswers = new Map<string, number>();
  let identity: FastifyInstance;
  let untrusted: HttpsServer;
  let gateway: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    // identity: the session API (slow enough that concurrent misses overlap), a logout, and an echo of the token.
    identity = Fastify();
    identity.post<{ Params: { id: string } }>('/sessions/:id/resolve', async (req, reply) => {
      if (req.headers[SERVICE_TOKEN_HEADER] !== SERVICE_TOKEN) return reply.code(401).send({});
      resolveCalls.set(req.params.id, (resolveCalls.get(req.params.id) ?? 0) + 1);
      // Read first, answer later: an answer in flight may describe a session that has ended since.
      const session = sessions.get(req.params.id);
      const delay = slowAnswers.get(req.params.id) ?? 50;
      slowAnswers.delete(req.params.id);
      await sleep(delay);
      return session ? { ...session } : reply.code(404).send({ code: 'SESSION_NOT_FOUND' });
    });
    identity.post('/logout', async (req) => {
      const id = /profila_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (id) sessions.delete(id);
      return { ok: true };
    });
    identity.get('/*', async (req) => ({ authorization: req.headers.authorization ?? null }));
    identity.get('/hangs', async () => {
      await sleep(2000);
      return { late: true };
    });
    identity.get('/drops', async (req) => {
      req.raw.socket.destroy();
      return new Promise(() => undefined);
    });
    await identity.listen({ port: 0, host: '127.0.0.1' });
    // A service behind TLS with a certificate nobody trusts (a self-signed one, as an impostor would present).
    const impostor = createTestCa({ commonName: '127.0.0.1' });
    untrusted = createHttpsServer(
      { cert: impostor.pem, key: impostor.privateKey.export({ format: 'pem', type: 'pkcs8' }) },
      (_req, res) => res.end('{"impostor":true}'),
    );
    await new Promise<void>((resolve) => untrusted.listen(0, '127.0.0.1', resolve));
    gateway = await createGatewayApp(
      loadGatewayEnv({
        PORT: '0',
        LOG_LEVEL: 'silent',
        SERVICE_TOKEN,
        RATE_LIMIT_MAX: '10000',
        SESSION_CACHE_TTL_MS: '500',
        UPSTREAM_TIMEOUT_MS: '300',
        REGISTRY_URL: `https://127.0.0.1:${(untrusted.address() as { port: number }).port}`,
        ACCESS_TOKEN_KEY_FILE: join(await mkdtemp(join(tmpdir(), 'gw-keys-')), 'key.json'),
        IDENTITY_URL: `http://127.0.0.1:${(identity.server.address() as { port: number }).port}`,
      }),
    );
    await gateway.listen(0, '127.0.0.1');
    url = await gateway.getUrl();
  });

  afterAll(async () => {
    await gateway?.close();
    await identity?.close();
    untrusted?.close();
  });

  let n = 0;
  const newSession = (actingFor: string | null = null, codiceFiscale = CITIZEN) => {
    const id = `hopsession${String(++n).padStart(4, '0')}abcdefghijklmnopqrstu`;
    sessions.set(id, { codiceFiscale, actingFor, csrfTokenSha256: sha256(CSRF) });
    return id;
  };
  /** The access token identity received for a call with this session cookie (null: none). */
  const tokenSeen = async (session: string): Promise<string | null> => {
    const res = await fetch(`${url}/api/identity/whoami`, { headers: { cookie: `${SESSION_COOKIE}=${session}` } });
    const { authorization } = (await res.json()) as { authorization: string | null };
    return authorization?.replace(/^Bearer /, '') ?? null;
  };

  it('reuses a session’s token across requests, never another session’s, even for the same citizen', async () => {
    const a = newSession();
    const b = newSession();
    const first = await tokenSeen(a);
    expect(first).toMatch(/^ey/);
    expect(await tokenSeen(a)).toBe(first);
    await sleep(600); // past the resolve cache TTL: identity is asked again, the token stays the session's
    expect(await tokenSeen(a)).toBe(first);
    const other = await tokenSeen(b);
    expect(other).not.toBe(first);
    expect(decodeJwt(other!)).toMatchObject({ sub: CITIZEN, kind: 'citizen' });
    expect(decodeJwt(first!).exp! - decodeJwt(first!).iat!).toBe(60);
  });

  it('a revoked acting-as is gone from the token within the resolve cache TTL (≤ 1 s)', async () => {
    const session = newSession('org-7');
    const acting = await tokenSeen(session);
    expect(decodeJwt(acting!).actingFor).toBe('org-7');
    // identity's answer drops the delegation (revoked): within the TTL the service gets a token without it.
    sessions.set(session, { ...sessions.get(session)!, actingFor: null });
    await sleep(600);
    const personal = await tokenSeen(session);
    expect(personal).not.toBe(acting);
    expect(decodeJwt(personal!).actingFor).toBeUndefined();
    // and choosing another organisation is another token again
    sessions.set(session, { ...sessions.get(session)!, actingFor: 'org-8' });
    await sleep(600);
    expect(decodeJwt((await tokenSeen(session))!).actingFor).toBe('org-8');
  });

  it('concurrent requests of a session not in the cache make one call to identity', async () => {
    const session = newSession();
    slowAnswers.set(session, 1500); // long enough for all 20 to reach the gateway while the first is asked
    const tokens = await Promise.all(Array.from({ length: 20 }, () => tokenSeen(session)));
    expect(resolveCalls.get(session)).toBe(1);
    expect(new Set(tokens).size).toBe(1);
  });

  it('after a logout the session gets no token at once, not at the end of the cache TTL', async () => {
    const session = newSession();
    expect(await tokenSeen(session)).toMatch(/^ey/);
    const logout = await fetch(`${url}/api/identity/logout`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${CSRF}`,
        [CSRF_HEADER]: CSRF,
      },
    });
    expect(logout.status).toBe(200);
    expect(await tokenSeen(session)).toBeNull();
  });

  it('a resolve answer read before a logout and arriving after it is not kept', async () => {
    const session = newSession();
    slowAnswers.set(session, 400);
    const racing = tokenSeen(session); // identity reads the live session now, answers in 400 ms
    await sleep(20);
    const logout = await fetch(`${url}/api/identity/logout`, {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${CSRF}`, [CSRF_HEADER]: CSRF },
    });
    expect(logout.status).toBe(200);
    await racing;
    expect(await tokenSeen(session)).toBeNull();
  });

  it('over the pooled upstream client: a service too slow is a 504, one that drops the connection a 502, no internals', async () => {
    const port = String((identity.server.address() as { port: number }).port);
    for (const [path, status, code] of [
      ['/api/identity/hangs', 504, 'GATEWAY_TIMEOUT'],
      ['/api/identity/drops', 502, 'BAD_GATEWAY'],
    ] as const) {
      const res = await fetch(`${url}${path}`);
      const text = await res.text();
      expect([path, res.status]).toEqual([path, status]);
      expect(JSON.parse(text)).toMatchObject({ code, message: expect.stringMatching(/riprovare/) });
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(text).not.toContain(port);
      expect(text).not.toMatch(/127\.0\.0\.1|UND_ERR|socket/i);
    }
    // and the pool still serves the next request
    expect((await fetch(`${url}/api/identity/whoami`)).status).toBe(200);
  });

  it('checks a service’s TLS certificate: one it cannot verify gets no request through (502)', async () => {
    const res = await fetch(`${url}/api/registry/me`);
    expect(res.status).toBe(502);
    expect(await res.text()).not.toContain('impostor');
  });

  it('refuses a session cache TTL above 1 s (the acting-as re-check would be staler than identity’s)', () => {
    expect(() => loadGatewayEnv({ SESSION_CACHE_TTL_MS: '5000' })).toThrow(/SESSION_CACHE_TTL_MS/);
    expect(loadGatewayEnv({}).SESSION_CACHE_TTL_MS).toBeLessThanOrEqual(1000);
  });
});
