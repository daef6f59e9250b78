// delegation in-process on a real PostgreSQL, fed by identity's citizen events through the postgres transport:
// who may read a citizen's name (services by exact codice fiscale; citizens only through the audited, rate-limited
// "Ricerca destinatario"), and the access-rights service API.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { type CitizenV1, CITIZEN_TOPIC_V1, type EventOf } from '@profila/contracts';
import { connectEventHandlers, PostgresEventTransport } from '@profila/messaging';
import { AccessTokenIssuer, type Actor, createServiceApp, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { createTestDatabase } from '@profila/testing';
import { loadDelegationEnv } from '../src/config/delegation.env.js';
import { DelegationModule } from '../src/delegation.module.js';

const SERVICE_TOKEN = 'delegation-test-service-token';
const MARIO = 'RSSMRA80A01H501U';
const CITIZEN: Actor = { kind: 'citizen', id: 'BNCGNN75C41F205Y', actingFor: 'org-42' };

let app: NestFastifyApplication;
let base: string;
let ds: DataSource;
let events: PostgresEventTransport;
let issuer: AccessTokenIssuer;

function citizenEvent(type: 'citizen.registered' | 'citizen.updated', data: CitizenV1): EventOf<typeof type> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId: data.codiceFiscale,
    correlationId: randomUUID(),
    causationId: null,
    actor: { kind: 'system', id: 'system' },
    data,
  };
}

async function publish(...envelopes: Array<EventOf<'citizen.registered' | 'citizen.updated'>>): Promise<void> {
  await events.publish(envelopes.map((envelope) => ({ topic: CITIZEN_TOPIC_V1, key: envelope.aggregateId, envelope })));
}

const asService = (path: string) => fetch(`${base}${path}`, { headers: { [SERVICE_TOKEN_HEADER]: SERVICE_TOKEN } });
const as = async (actor: Actor, path: string) =>
  fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await issuer.issue(actor)}` } });

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  issuer = (await AccessTokenIssuer.generate()).issuer;
  const eventsUrl = await createTestDatabase('delegation_events');
  const env = loadDelegationEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: await createTestDatabase('delegation'),
    EVENT_TRANSPORT: 'postgres',
    EVENTS_DATABASE_URL: eventsUrl,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    SERVICE_TOKEN,
  });
  app = await createServiceApp(DelegationModule.register(env), { name: 'delegation', logLevel: 'silent' });
  connectEventHandlers(app);
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
  ds = app.get(DataSource);
  events = new PostgresEventTransport({ url: eventsUrl, pollIntervalMs: 200 });

  const citizens: CitizenV1[] = [
    { codiceFiscale: MARIO, nome: 'Mario', cognome: 'Rossi', email: null, source: 'spid' },
    // 25 more citizens sharing a prefix: a search answers at most 20 of them.
    ...Array.from({ length: 25 }, (_, i) => ({
      codiceFiscale: `VRDLCU80A01H5${String(i).padStart(2, '0')}X`,
      nome: 'Luca',
      cognome: `Verdi ${i}`,
      email: null,
      source: 'spid' as const,
    })),
  ];
  await publish(...citizens.map((c) => citizenEvent('citizen.registered', c)));
  // A later update of Mario: the read model follows.
  await publish(citizenEvent('citizen.updated', { ...citizens[0], nome: 'Mario Giuseppe' }));
  await until('the read model', async () => {
    const rows = await ds.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM known_citizen');
    const mario = await ds.query<Array<{ nome: string }>>('SELECT nome FROM known_citizen WHERE codice_fiscale = $1', [
      MARIO,
    ]);
    return rows[0].n === 26 && mario[0]?.nome === 'Mario Giuseppe' ? true : undefined;
  });
}, 60_000);

afterAll(async () => {
  await events?.close();
  await app?.close();
});

describe('known citizens', () => {
  it('a service gets the name behind an exact codice fiscale, kept up to date by identity’s events', async () => {
    const res = await asService(`/known-citizens/${MARIO.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ codiceFiscale: MARIO, nome: 'Mario Giuseppe', cognome: 'Rossi' });
    const unknown = await asService('/known-citizens/BNCGNN75C41F205H'); // valid, never logged in
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'CITIZEN_NEVER_LOGGED_IN' });
  });

  it('a citizen (or an operator) cannot read a name by codice fiscale: 403, nothing disclosed', async () => {
    for (const actor of [CITIZEN, { kind: 'operator', id: 'op-1' } as Actor]) {
      const res = await as(actor, `/known-citizens/${MARIO}`);
      expect(res.status).toBe(403);
      const body = await res.text();
      expect(body).toContain('FORBIDDEN');
      expect(body).not.toContain('Mario');
    }
  });

  it('a codice fiscale with a wrong check character is refused before any lookup', async () => {
    const res = await asService('/known-citizens/RSSMRA80A01H501X');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_CODICE_FISCALE' });
  });

  it('"Ricerca destinatario": a citizen finds delegates by the start of the codice fiscale, at most 20, and each search is audited', async () => {
    const res = await as(CITIZEN, '/known-citizens?codiceFiscale=vrdlcu');
    expect(res.status).toBe(200);
    const { citizens } = (await res.json()) as { citizens: Array<{ codiceFiscale: string; nome: string }> };
    expect(citizens).toHaveLength(20);
    expect(citizens[0]).toEqual({ codiceFiscale: 'VRDLCU80A01H500X', nome: 'Luca', cognome: 'Verdi 0' });
    expect(Object.keys(citizens[0]).sort()).toEqual(['codiceFiscale', 'cognome', 'nome']); // no e-mail

    const audit = await ds.query<
      Array<{
        action: string;
        actor_kind: string;
        actor_id: string;
        acting_for: string;
        subject_type: string;
        subject_id: string;
        data: unknown;
      }>
    >(
      `SELECT action, actor_kind, actor_id, acting_for, subject_type, subject_id, data FROM audit_entry WHERE actor_id = $1`,
      [CITIZEN.id],
    );
    expect(audit).toEqual([
      {
        action: 'known-citizens.search',
        actor_kind: 'citizen',
        actor_id: CITIZEN.id,
        acting_for: 'org-42',
        subject_type: 'known-citizen-search',
        subject_id: 'VRDLCU',
        data: { codiceFiscalePrefix: 'VRDLCU', results: 20 },
      },
    ]);
  });

  it('a search needs at least 3 characters of the codice fiscale, letters and digits only', async () => {
    for (const query of ['RS', 'RS%25', '']) {
      const res = await as(CITIZEN, `/known-citizens?codiceFiscale=${query}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: { codiceFiscale: expect.any(String) } },
      });
    }
    const none = await as(CITIZEN, '/known-citizens');
    expect(none.status).toBe(400);
  });

  it('a citizen cannot walk the register: 30 searches a minute, then 429 (counted per actor, not per address)', async () => {
    const walker: Actor = { kind: 'citizen', id: 'NRIPLA85M10F205Z' };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await as(walker, `/known-citizens?codiceFiscale=RSS`)).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another citizen is not affected; the refused search left no audit row.
    expect((await as(CITIZEN, '/known-citizens?codiceFiscale=RSS')).status).toBe(200);
    const rows = await ds.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM audit_entry WHERE actor_id = $1',
      [walker.id],
    );
    expect(rows[0].n).toBe(30);
  });

  it('a service cannot use the citizens’ search (it has the exact lookup)', async () => {
    expect((await asService('/known-citizens?codiceFiscale=RSS')).status).toBe(403);
  });
});

describe('access rights service API', () => {
  it('answers the organisations a citizen may act for now, roles merged per organisation', async () => {
    await ds.query(
      `INSERT INTO access_right (organization_id, ragione_sociale, codice_fiscale_org, citizen_cf, roles, valid_from, valid_to, source)
       VALUES ('org-1', 'Rossi S.r.l.', '01234567890', $1, '{admin}', now() - interval '1 day', NULL, 'admin'),
              ('org-1', 'Rossi S.r.l.', '01234567890', $1, '{cob}', now() - interval '1 day', NULL, 'delega'),
              ('org-2', 'Scaduta S.p.A.', '09876543210', $1, '{admin}', now() - interval '2 days', now() - interval '1 day', 'admin')`,
      [MARIO],
    );
    const res = await asService(`/access-rights/citizens/${MARIO}/organizations`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      organizations: [
        {
          organizationId: 'org-1',
          ragioneSociale: 'Rossi S.r.l.',
          codiceFiscale: '01234567890',
          roles: ['admin', 'cob'],
        },
      ],
    });
    const bad = await asService('/access-rights/citizens/RSSMRA80A01H501X/organizations');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'INVALID_CODICE_FISCALE' });
    expect((await as(CITIZEN, `/access-rights/citizens/${MARIO}/organizations`)).status).toBe(403);
  });
});
