import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_SERVICE_TOKEN, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { freePort } from '@profila/testing';
import { loadGatewayEnv } from '../src/config/gateway.env.js';
import { createGatewayApp } from '../src/gateway.app.js';

/** The gateway on its own (no service behind it): what it does by itself. Needs the built UIs (`npm test` builds). */
describe('gateway', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    const nothing = `http://127.0.0.1:${await freePort()}`; // no service listens there
    const env = loadGatewayEnv({
      PORT: '0',
      RATE_LIMIT_MAX: '5',
      ACCESS_TOKEN_KEY_FILE: join(await mkdtemp(join(tmpdir(), 'gw-keys-')), 'key.json'),
      IDENTITY_URL: nothing,
      REGISTRY_URL: nothing,
      LOG_LEVEL: 'silent',
    });
    app = await createGatewayApp(env);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves the portal with its client routes, the back office, and real 404s for missing assets', async () => {
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="root"');
    const clientRoute = await fetch(`${url}/area-riservata/anagrafica`);
    expect(clientRoute.status).toBe(200);
    expect(clientRoute.headers.get('content-type')).toContain('text/html');
    const bo = await fetch(`${url}/backoffice`, { redirect: 'manual' });
    expect(bo.status).toBe(301);
    expect(bo.headers.get('location')).toBe('/backoffice/');
    expect((await fetch(`${url}/backoffice/`)).status).toBe(200);
    expect((await fetch(`${url}/assets/does-not-exist.js`)).status).toBe(404);
  });

  it('sends security headers', async () => {
    const res = await fetch(`${url}/`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('publishes the key set services verify access tokens with', async () => {
    const jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as {
      keys: Array<Record<string, string>>;
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined(); // never the private part
  });

  it('refuses a state-changing API call with a session but without the CSRF token, before any service sees it', async () => {
    const res = await fetch(`${url}/api/identity/me/anagrafica`, {
      method: 'PUT',
      headers: {
        cookie: 'profila_session=abcdefghijklmnopqrstuvwxyz0123; profila_csrf=token-1',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('CSRF_TOKEN_INVALID');
  });

  it('reports the platform unhealthy while services are down: the overall status to anyone, which service to services', async () => {
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'error' }); // no service names, no addresses
    const detail = await fetch(`${url}/health`, { headers: { [SERVICE_TOKEN_HEADER]: DEV_SERVICE_TOKEN } });
    expect(detail.status).toBe(503);
    expect(((await detail.json()) as { services: Record<string, string> }).services.identity).toBe('down');
  });

  it('keeps the caching of the UI assets', async () => {
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${url}/`)).text())?.[1];
    expect(asset).toBeDefined();
    const assetRes = await fetch(`${url}${asset}`);
    await assetRes.arrayBuffer(); // read to the end, so the connection is idle when the app closes
    expect(assetRes.headers.get('cache-control')).toBe('public, max-age=3600');
    const index = await fetch(`${url}/`);
    await index.text();
    expect(index.headers.get('cache-control')).toBe('no-cache');
  });

  it('rate-limits the API per client with an Italian message', async () => {
    // Earlier calls of this file (the refused PUT, /health) count against the same client's allowance of 5.
    let limited: Response | undefined;
    for (let i = 0; i < 7 && !limited; i++) {
      const res = await fetch(`${url}/api/registry/anything`);
      if (res.status === 429) limited = res;
      else await res.body?.cancel();
    }
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get('cache-control')).toBe('no-store');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0); // seconds until the window ends
    expect(await limited?.json()).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/Troppe richieste/),
    });
    expect((await fetch(`${url}/`)).status).toBe(200); // pages are not limited
  });
});
