import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, type SessionResolveResponse } from '@profila/contracts';
import { createServiceApp, loadEnv, SERVICE_TOKEN_HEADER, ServiceEnv, serviceUrlVariable } from '@profila/platform';
import { freePort } from '@profila/testing';
import { loadGatewayEnv, ROUTED_SERVICES } from '../src/config/gateway.env.js';
import { createGatewayApp } from '../src/gateway.app.js';

/**
 * What an attacker tried against the gateway (issue #8: 2, 3, 17, 18, CSRF binding, /health), with identity's
 * session API stood in by a fake (its resolve answer is the contract in libs/contracts) and a real service app
 * (createServiceApp with the services' TRUSTED_PROXIES default) that echoes what it received.
 */

interface Echo {
  url: string;
  ip: string;
  authorization: string | null;
  forwardedFor: string | null;
}

@Module({})
class EchoModule {}

/** A back-end service as the platform builds them (1 MB bodies, trusts the gateway on loopback), echoing the request. */
async function startEchoService(onRequest: (url: string) => void = () => undefined): Promise<NestFastifyApplication> {
  const env = loadEnv(ServiceEnv, {});
  const app = await createServiceApp(EchoModule, {
    name: 'echo',
    logLevel: 'silent',
    trustedProxies: env.TRUSTED_PROXIES,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (req) => onRequest(req.url));
  fastify.all('/*', async (req): Promise<Echo> => ({
    url: req.url,
    ip: req.ip,
    authorization: req.headers.authorization ?? null,
    forwardedFor: (req.headers['x-forwarded-for'] as string | undefined) ?? null,
  }));
  fastify.get('/health', async () => ({ status: 'ok' }));
  fastify.get('/cached', async (_req, reply) =>
    reply.header('cache-control', 'private, max-age=60').send({ cached: true }),
  );
  await app.listen(0, '127.0.0.1');
  return app;
}

const SERVICE_TOKEN = 'gateway-test-service-token';
const CITIZEN = 'RSSMRA80A01H501U';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** identity's session API: the sessions it knows, with the hash of each session's own CSRF token. */
async function startFakeIdentity(sessions: Map<string, SessionResolveResponse>): Promise<FastifyInstance> {
  const identity = Fastify();
  identity.post<{ Params: { id: string } }>('/sessions/:id/resolve', async (req, reply) => {
    if (req.headers[SERVICE_TOKEN_HEADER] !== SERVICE_TOKEN) return reply.code(401).send({});
    const session = sessions.get(req.params.id);
    return session ? session : reply.code(404).send({ code: 'SESSION_NOT_FOUND' });
  });
  identity.all('/*', async (req): Promise<Partial<Echo>> => ({
    url: req.url,
    authorization: req.headers.authorization ?? null,
  }));
  await identity.listen({ port: 0, host: '127.0.0.1' });
  return identity;
}

async function startGateway(env: Record<string, string>): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await createGatewayApp(
    loadGatewayEnv({
      PORT: '0',
      LOG_LEVEL: 'silent',
      SERVICE_TOKEN,
      ACCESS_TOKEN_KEY_FILE: join(await mkdtemp(join(tmpdir(), 'gw-keys-')), 'key.json'),
      ...env,
    }),
  );
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

/** A raw HTTP request (fetch would normalise `//`, `..` and case away before sending). */
function raw(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/`, { method: options.method ?? 'GET', path, headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('gateway under attack', () => {
  const sessions = new Map<string, SessionResolveResponse>();
  const SESSION = 'sessionabcdefghijklmnopqrstuvwxyz01';
  const OTHER_SESSION = 'sessionzyxwvutsrqponmlkjihgfedcba99';
  const CSRF = 'csrf-token-of-this-session-0123456789';
  const OTHER_CSRF = 'csrf-token-of-the-other-session-98765';
  let echo: NestFastifyApplication;
  let identity: FastifyInstance;
  let gateway: { app: NestFastifyApplication; url: string };
  let echoUrl: string;
  let down: string;

  beforeAll(async () => {
    sessions.set(SESSION, { codiceFiscale: CITIZEN, actingFor: null, csrfTokenSha256: sha256(CSRF) });
    sessions.set(OTHER_SESSION, {
      codiceFiscale: 'BNCGNN75C41F205X',
      actingFor: null,
      csrfTokenSha256: sha256(OTHER_CSRF),
    });
    echo = await startEchoService();
    echoUrl = await echo.getUrl();
    identity = await startFakeIdentity(sessions);
    down = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    gateway = await startGateway({
      RATE_LIMIT_MAX: '1000',
      IDENTITY_URL: `http://127.0.0.1:${(identity.server.address() as { port: number }).port}`,
      REGISTRY_URL: echoUrl,
      DELEGATION_URL: echoUrl,
      DOCUMENT_STORE_URL: echoUrl,
      ADMIN_VERIFICATION_URL: echoUrl,
      RAA_URL: down,
      NOTIFICATION_URL: echoUrl,
    });
  });

  afterAll(async () => {
    await gateway?.app.close();
    await echo?.close();
    await identity?.close();
  });

  const withSession = (csrfHeader?: string, csrfCookie = CSRF, session = SESSION) => ({
    cookie: `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${csrfCookie}`,
    'content-type': 'application/json',
    ...(csrfHeader === undefined ? {} : { [CSRF_HEADER]: csrfHeader }),
  });

  describe('the API is decided on the routed path, however the URL is spelled (#8.3)', () => {
    const spellings = ['/api/registry/me', '/%61pi/registry/me', '/%61%70%69/registry/me', '/api/%72egistry/me'];

    it.each(spellings)('%s: a leaked access token in Authorization never reaches the service', async (path) => {
      const res = await raw(gateway.url, path, { headers: { authorization: 'Bearer leaked.access.token' } });
      expect(res.status).toBe(200);
      const body = JSON.parse(res.text) as Echo;
      expect(body.url).toBe('/me');
      expect(body.authorization).toBeNull();
    });

    it.each(spellings)('%s: with the session the service gets the gateway’s token, not the browser’s', async (path) => {
      const res = await raw(gateway.url, path, {
        headers: { ...withSession(), authorization: 'Bearer leaked.access.token' },
      });
      const body = JSON.parse(res.text) as Echo;
      expect(body.authorization).toMatch(/^Bearer ey/);
      expect(body.authorization).not.toContain('leaked');
    });

    it.each(spellings)('%s: a state-changing call with the session needs the CSRF token', async (path) => {
      const res = await raw(gateway.url, path, { method: 'POST', headers: withSession(), body: '{}' });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text)).toMatchObject({
        code: 'CSRF_TOKEN_INVALID',
        message: expect.stringMatching(/ricaricare/),
      });
    });

    it.each([
      '//api/registry/me',
      '/API/registry/me',
      '/Api/registry/me',
      '/api/Registry/me',
      '/%2561pi/registry/me',
      '/x/../api/registry/me',
      '/./api/registry/me',
      '/api%2fregistry/me',
      '/api/nonexistent/me',
      '/api',
    ])('%s is refused, not forwarded nor served the portal', async (path) => {
      const res = await raw(gateway.url, path, {
        method: 'POST',
        headers: { ...withSession(), authorization: 'Bearer leaked.access.token' },
        body: '{}',
      });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(JSON.parse(res.text)).toMatchObject({ code: 'NOT_FOUND', message: 'Risorsa non trovata' });
    });

    it('dot segments inside a service path are refused with the JSON error shape, not forwarded', async () => {
      for (const path of ['/api/registry/../raa/x', '/api/registry/%2e%2e/raa/x']) {
        const res = await raw(gateway.url, path);
        expect(res.status).toBe(400);
        expect(JSON.parse(res.text)).toMatchObject({ code: 'BAD_REQUEST', message: 'Richiesta non valida' });
      }
    });

    it('the CSRF exemption of the SAML endpoints is decided on the decoded path as well', async () => {
      // identity's router decodes `/saml/%61cs` to `/saml/acs`: exempt, and identity checks the SAML message itself.
      const acs = await raw(gateway.url, '/api/identity/saml/%61cs', {
        method: 'POST',
        headers: withSession(),
        body: '{}',
      });
      expect(acs.status).toBe(200);
      const other = await raw(gateway.url, '/api/identity/saml/acs-not', {
        method: 'POST',
        headers: withSession(),
        body: '{}',
      });
      expect(other.status).toBe(403);
    });
  });

  describe('CSRF token bound to the session', () => {
    it('accepts the session’s own token in header and cookie', async () => {
      const res = await raw(gateway.url, '/api/registry/me', {
        method: 'POST',
        headers: withSession(CSRF),
        body: '{}',
      });
      expect(res.status).toBe(200);
      expect((JSON.parse(res.text) as Echo).authorization).toMatch(/^Bearer ey/);
    });

    it('refuses another session’s token, even when header and cookie agree (token not bound to this session)', async () => {
      const res = await raw(gateway.url, '/api/registry/me', {
        method: 'PUT',
        headers: withSession(OTHER_CSRF, OTHER_CSRF),
        body: '{}',
      });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text)).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    });

    it('refuses a header that differs from the cookie', async () => {
      const res = await raw(gateway.url, '/api/registry/me', {
        method: 'DELETE',
        headers: withSession(CSRF, 'something-else'),
      });
      expect(res.status).toBe(403);
    });

    it('refuses unsafe calls of a session whose resolve answer carries no token hash (fails closed)', async () => {
      const legacy = 'sessionlegacyabcdefghijklmnopqrstuv';
      sessions.set(legacy, { codiceFiscale: CITIZEN, actingFor: null } as SessionResolveResponse);
      const res = await raw(gateway.url, '/api/registry/me', {
        method: 'PATCH',
        headers: withSession(CSRF, CSRF, legacy),
        body: '{}',
      });
      expect(res.status).toBe(403);
    });
  });

  describe('bad input and broken services get 4xx/5xx JSON in Italian, never a 500 with internals (#8.17)', () => {
    it('a malformed session cookie is no session', async () => {
      for (const cookie of [
        `${SESSION_COOKIE}=%E0%A4%A`,
        `${SESSION_COOKIE}=%`,
        `${CSRF_COOKIE}=%E0%A4%A; ${SESSION_COOKIE}=${SESSION}`,
      ]) {
        const res = await raw(gateway.url, '/api/registry/me', { headers: { cookie } });
        expect(res.status).toBe(200);
      }
      const unsafe = await raw(gateway.url, '/api/registry/me', {
        method: 'POST',
        headers: { cookie: `${SESSION_COOKIE}=${SESSION}; ${CSRF_COOKIE}=%E0%A4%A`, [CSRF_HEADER]: CSRF },
        body: '{}',
      });
      expect(unsafe.status).toBe(403);
    });

    it('a malformed URL is a 400 with the error shape, in Italian', async () => {
      for (const path of ['/%E0%A4%A', '/api/registry/%', '/api/registry/%E0%A4%A']) {
        const res = await raw(gateway.url, path);
        expect([path, res.status]).toEqual([path, 400]);
        expect(JSON.parse(res.text)).toMatchObject({ code: 'BAD_REQUEST', message: 'Richiesta non valida' });
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it.each([1.5, 3, 7.5])('a %s MB JSON body is answered 413 with the error shape', async (mb) => {
      const body = JSON.stringify({ text: 'x'.repeat(mb * 1024 * 1024) });
      const res = await raw(gateway.url, '/api/registry/me', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.text)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'Richiesta troppo grande' });
    });

    it('a streamed (chunked) 3 MB body is answered 413 as well', async () => {
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 3 * 1024 * 1024) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const res = await fetch(`${gateway.url}/api/registry/me`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('a body within the services’ limit still goes through', async () => {
      const res = await raw(gateway.url, '/api/registry/me', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x'.repeat(900 * 1024) }),
      });
      expect(res.status).toBe(200);
    });

    it('a service that is down: 503 in Italian, without its internal address', async () => {
      const res = await raw(gateway.url, '/api/raa/requests');
      expect(res.status).toBe(503);
      const body = JSON.parse(res.text) as { code: string; message: string };
      expect(body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/non disponibile/) });
      const port = new URL(down).port;
      expect(res.text).not.toContain(port);
      expect(res.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    });
  });

  describe('caching of personal data (#8.18)', () => {
    it('API answers carry Cache-Control: no-store, the gateway’s own errors too', async () => {
      for (const [path, status] of [
        ['/api/registry/me', 200],
        ['/api/raa/x', 503],
        ['/API/registry/me', 404],
      ] as const) {
        const res = await raw(gateway.url, path, { headers: withSession() });
        expect([path, res.status, res.headers['cache-control']]).toEqual([path, status, 'no-store']);
      }
    });

    it('a caching the service chose is kept, the public key set keeps its own', async () => {
      const chosen = await raw(gateway.url, '/api/registry/cached');
      expect(chosen.headers['cache-control']).toBe('private, max-age=60');
      const jwks = await fetch(`${gateway.url}/.well-known/jwks.json`);
      expect(jwks.headers.get('cache-control')).toBe('public, max-age=300');
    });
  });

  describe('forwarded client address (#8.2)', () => {
    it('the service learns the client address the gateway saw, never the one the client wrote', async () => {
      const res = await raw(gateway.url, '/api/registry/me', { headers: { 'x-forwarded-for': '198.51.100.66' } });
      const body = JSON.parse(res.text) as Echo;
      expect(body.forwardedFor).toBe('127.0.0.1');
      expect(body.ip).toBe('127.0.0.1');
    });
  });

  describe('health', () => {
    it('the public answer is the overall status only; the service credential gets which service is down', async () => {
      const pub = await fetch(`${gateway.url}/health`);
      expect(pub.status).toBe(503); // raa is down
      expect(await pub.json()).toEqual({ status: 'error' });
      const detail = await fetch(`${gateway.url}/health`, { headers: { [SERVICE_TOKEN_HEADER]: SERVICE_TOKEN } });
      expect(detail.status).toBe(503);
      expect(((await detail.json()) as { services: Record<string, string> }).services).toMatchObject({
        raa: 'down',
        registry: 'up',
      });
      const wrong = await fetch(`${gateway.url}/health`, { headers: { [SERVICE_TOKEN_HEADER]: 'guess' } });
      expect(await wrong.json()).toEqual({ status: 'error' });
      expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
    });
  });
});

describe('gateway rate limit and forwarded addresses (#8.2)', () => {
  let upstream: NestFastifyApplication;
  let healthCalls = 0;
  let direct: { app: NestFastifyApplication; url: string };
  let behindIngress: { app: NestFastifyApplication; url: string };

  beforeAll(async () => {
    upstream = await startEchoService((url) => {
      if (url === '/health') healthCalls++;
    });
    const echoUrl = await upstream.getUrl();
    const urls = Object.fromEntries(ROUTED_SERVICES.map((s) => [serviceUrlVariable(s), echoUrl]));
    direct = await startGateway({ RATE_LIMIT_MAX: '5', ...urls });
    // The test client plays the ingress: loopback is a trusted proxy, the client is whom X-Forwarded-For names.
    behindIngress = await startGateway({ RATE_LIMIT_MAX: '5', TRUSTED_PROXIES: '127.0.0.1', ...urls });
  });

  afterAll(async () => {
    await direct?.app.close();
    await behindIngress?.app.close();
    await upstream?.close();
  });

  async function exhaust(url: string, headers: Record<string, string> = {}): Promise<void> {
    for (let i = 0; i < 5; i++) expect((await raw(url, '/api/registry/x', { headers })).status).toBe(200);
    expect((await raw(url, '/api/registry/x', { headers })).status).toBe(429);
  }

  it('a blocked client stays blocked when it rotates X-Forwarded-For or prepends a fake address', async () => {
    await exhaust(direct.url);
    for (const xff of ['203.0.113.1', '203.0.113.2, 127.0.0.1', '10.0.0.1', '::1']) {
      const res = await raw(direct.url, '/api/registry/x', { headers: { 'x-forwarded-for': xff } });
      expect([xff, res.status]).toEqual([xff, 429]);
      expect(JSON.parse(res.text)).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        message: expect.stringMatching(/Troppe richieste/),
      });
    }
    // Encoded spellings of the API are limited too.
    expect((await raw(direct.url, '/%61pi/registry/x')).status).toBe(429);
  });

  it('behind a trusted ingress: the client named by the ingress is limited, a fake address put first changes nothing', async () => {
    const client = '203.0.113.7';
    await exhaust(behindIngress.url, { 'x-forwarded-for': client });
    for (const xff of [`198.51.100.1, ${client}`, `${client}, ${client}`, `1.1.1.1, 2.2.2.2, ${client}`]) {
      const res = await raw(behindIngress.url, '/api/registry/x', { headers: { 'x-forwarded-for': xff } });
      expect([xff, res.status]).toEqual([xff, 429]);
    }
    // Another client behind the same ingress has its own allowance, and the service learns that client's address.
    const other = await raw(behindIngress.url, '/api/registry/x', {
      headers: { 'x-forwarded-for': '9.9.9.9, 203.0.113.8' },
    });
    expect(other.status).toBe(200);
    const seen = JSON.parse(other.text) as Echo;
    expect(seen.forwardedFor).toBe('203.0.113.8');
    expect(seen.ip).toBe('203.0.113.8');
  });

  it('/health is rate-limited and a flood of it does not fan out to the services', async () => {
    const before = healthCalls;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (await raw(behindIngress.url, '/health', { headers: { 'x-forwarded-for': '203.0.113.50' } })).status,
      );
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    // Seven services, checked once for the burst (cached for a couple of seconds), not once per call.
    expect(healthCalls - before).toBe(7);
    expect(
      (await raw(behindIngress.url, '/health/live', { headers: { 'x-forwarded-for': '203.0.113.50' } })).status,
    ).toBe(200);
  });
});
