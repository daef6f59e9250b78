// SAMPLE_STRUCTURES (what `npm start` turns on): the back-office structures a newcomer assigns operators to, each
// with its Centro per l'Impiego serving its province, registered once through the registry's own use cases.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { AccessTokenIssuer, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { createTestDatabase } from '@profila/testing';
import { loadRegistryEnv } from '../src/config/registry.env.js';
import { createRegistryApp } from '../src/registry.app.js';

const SERVICE_TOKEN = 'registry-samples-int-test-token';

interface Structure {
  ragioneSociale: string;
  codiceFiscale: string;
  units: Array<{ descrizione: string; provinceServite: string[] }>;
}

describe('sample back-office structures (embedded mode)', () => {
  let databaseUrl: string;
  let eventsUrl: string;
  let jwks: string;
  let db: pg.Client;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('registry_samples');
    eventsUrl = await createTestDatabase('events');
    jwks = JSON.stringify((await AccessTokenIssuer.generate()).issuer.jwks);
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
  });

  const env = (extra: Record<string, string>) =>
    loadRegistryEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      EVENTS_DATABASE_URL: eventsUrl,
      AUTH_JWKS: jwks,
      SERVICE_TOKEN,
      ...extra,
    });

  async function structuresAfterBoot(extra: Record<string, string>): Promise<Structure[]> {
    const app: NestFastifyApplication = await createRegistryApp(env(extra));
    await app.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${await app.getUrl()}/operators/structures`, {
        headers: { [SERVICE_TOKEN_HEADER]: SERVICE_TOKEN, 'x-profila-service': 'admin-verification' },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: Structure[] }).items;
    } finally {
      await app.close();
    }
  }

  it('off by default: no structure appears by itself', async () => {
    expect(await structuresAfterBoot({})).toEqual([]);
  });

  it('on: three structures with their CPI serving their province, through the outbox and the audit; once', async () => {
    const first = await structuresAfterBoot({ SAMPLE_STRUCTURES: 'true' });
    const summary = (items: Structure[]) =>
      items
        .map((s) => ({ ente: s.ragioneSociale, units: s.units.map((u) => [u.descrizione, u.provinceServite]) }))
        .sort((a, b) => a.ente.localeCompare(b.ente));
    expect(summary(first)).toEqual([
      { ente: 'Provincia Autonoma di Trento', units: [["Centro per l'Impiego di Trento", ['TN']]] },
      { ente: 'Provincia di Como', units: [["Centro per l'Impiego di Como", ['CO']]] },
      { ente: 'Regione Lombardia', units: [["Centro per l'Impiego di Milano", ['MI']]] },
    ]);
    const events = await db.query<{ type: string; n: string }>(
      `SELECT envelope->>'type' AS type, count(*) AS n FROM outbox
        WHERE envelope->>'type' IN ('organization.registered', 'unit.created') GROUP BY 1`,
    );
    expect(Object.fromEntries(events.rows.map((r) => [r.type, Number(r.n)]))).toEqual({
      'organization.registered': 3,
      'unit.created': 3,
    });
    const audited = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_entry WHERE action = 'organization.legal-representative-saved'`,
    );
    expect(Number(audited.rows[0].n)).toBe(3);

    // A second boot changes nothing.
    expect(summary(await structuresAfterBoot({ SAMPLE_STRUCTURES: 'true' }))).toEqual(summary(first));
    const organizations = await db.query<{ n: string }>(`SELECT count(*) AS n FROM organization`);
    expect(Number(organizations.rows[0].n)).toBe(3);
  });

  it('refused in production', () => {
    expect(() =>
      loadRegistryEnv({
        NODE_ENV: 'production',
        SAMPLE_STRUCTURES: 'true',
        DATABASE_URL: databaseUrl,
        SERVICE_TOKEN: 'a-production-service-token-of-enough-length',
        AUTH_JWKS: jwks,
      }),
    ).toThrow(/SAMPLE_STRUCTURES/);
  });
});
