// Issue #8 items 1 and 8: what an unauthenticated client can make identity store. The service runs in-process
// against its own PostgreSQL database, with small per-client budgets so that the bounds are reached quickly.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { AccessTokenIssuer, createServiceApp } from '@profila/platform';
import { createTestDatabase, TestSamlIdp } from '@profila/testing';
import { loadIdentityEnv } from '../src/config/identity.env.js';
import { IdentityModule } from '../src/identity.module.js';

const PUBLIC_URL = 'https://portale.test.example';
const MAX_ROWS = 60;

let app: NestFastifyApplication;
let base: string;
let db: pg.Client;
let dataDir: string;
let idp: TestSamlIdp;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'identity-flood-'));
  idp = new TestSamlIdp({ entityId: 'https://idp.flood.example' });
  const metadataFile = join(dataDir, 'idp-metadata.xml');
  await writeFile(metadataFile, idp.metadata());
  const { issuer } = await AccessTokenIssuer.generate();
  const databaseUrl = await createTestDatabase('identity_flood');
  const env = loadIdentityEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    EVENT_TRANSPORT: 'postgres',
    EVENTS_DATABASE_URL: await createTestDatabase('events_flood'),
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    SERVICE_TOKEN: 'flood-service-token',
    PUBLIC_URL,
    IDP_METADATA: `spid:${metadataFile}`,
    IDENTITY_DATA_DIR: join(dataDir, 'identity'),
    SPID_LOG_CLIENT_MAX_ROWS: String(MAX_ROWS),
    LOGIN_MAX_PENDING_PER_CLIENT: '5',
  });
  app = await createServiceApp(IdentityModule.register(env), { name: 'identity', logLevel: 'silent' });
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.end();
  await rm(dataDir, { recursive: true, force: true });
});

async function registerSize(): Promise<{ rows: number; bytes: number; relation: number }> {
  const { rows } = await db.query<{ rows: number; bytes: string; relation: string }>(
    `SELECT count(*)::int AS rows,
            coalesce(sum(octet_length(coalesce(request_xml, '')) + octet_length(coalesce(response_xml, ''))), 0) AS bytes,
            pg_total_relation_size('spid_log') AS relation
       FROM spid_log`,
  );
  return { rows: rows[0].rows, bytes: Number(rows[0].bytes), relation: Number(rows[0].relation) };
}

function postJunk(samlResponse: string) {
  return fetch(`${base}/saml/acs`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse: samlResponse }).toString(),
    redirect: 'manual',
  });
}

describe('the SPID register under junk from one client', () => {
  it('50 posts of ~600 KB random text, no login started: each refused with 400, a few KB stored in all', async () => {
    const before = await registerSize();
    for (let i = 0; i < 50; i++) {
      const junk = Buffer.from(randomBytes(450 * 1024).toString('base64url')).toString('base64'); // ~800 KB posted
      const res = await postJunk(junk);
      expect(res.status).toBe(400);
      await res.text();
    }
    const after = await registerSize();
    expect(after.rows - before.rows).toBe(50);
    // Each row keeps at most 1 KB of the message (plus ids, size, hash): before the fix, 50 × 200,000 characters.
    expect(after.bytes - before.bytes).toBeLessThanOrEqual(50 * 1024);
    expect(after.relation - before.relation).toBeLessThan(512 * 1024);
  }, 120_000);

  it('stops storing refusals from a client past its row budget', async () => {
    for (let i = 0; i < MAX_ROWS; i++) {
      const res = await postJunk(Buffer.from(`<junk n="${i}"/>`).toString('base64'));
      expect(res.status).toBe(400);
      await res.text();
    }
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM spid_log WHERE client_ip = '127.0.0.1' AND outcome <> 'success'`,
    );
    expect(rows[0].n).toBe(MAX_ROWS);
  }, 60_000);
});

describe('anonymous GET /login', () => {
  it('bounds the pending AuthnRequests one client may leave behind (429 with the Italian page)', async () => {
    const url = `${base}/login?kind=spid&idp=${encodeURIComponent(idp.entityId)}`;
    for (let i = 0; i < 5; i++) expect((await fetch(url, { redirect: 'manual' })).status).toBe(302);
    const refused = await fetch(url, { redirect: 'manual' });
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(html).toContain('<code>TOO_MANY_LOGINS</code>');
    expect(html).toContain('Troppi accessi avviati e non completati');
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM authn_request');
    expect(rows[0].n).toBe(5);
  });
});

describe('/health', () => {
  it('carries the IdP certificate detail (a warning, never a failure)', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { details: Record<string, unknown> };
    expect(body.details.idpCertificates).toEqual({ status: 'up', warnings: [], expired: 0 });
  });
});
