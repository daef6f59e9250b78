/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- response
   bodies are read as JSON and asserted field by field. */
// Deleghe and access rights in-process on a real PostgreSQL, fed by identity's and registry's events through the
// postgres transport: the citizens' API (who may see and do what), the history, the access check and its answers for
// every state of a grant, the expiry job with two replicas, the events and audit entries written with each change.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import {
  type CitizenV1,
  CITIZEN_TOPIC_V1,
  type EventOf,
  type EventType,
  MEMBERSHIP_TOPIC_V1,
  type MembershipV1,
  ORGANIZATION_TOPIC_V1,
  type OrganizationV1,
} from '@profila/contracts';
import { connectEventHandlers, PostgresEventTransport } from '@profila/messaging';
import { AccessTokenIssuer, type Actor, createServiceApp, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { createTestDatabase } from '@profila/testing';
import { type DelegationEnv, loadDelegationEnv } from '../src/config/delegation.env.js';
import { DELEGATION_ENV } from '../src/config/delegation.tokens.js';
import { DelegationModule } from '../src/delegation.module.js';
import { DelegationExpiryJob } from '../src/delegations/delegation-expiry.job.js';
import { addDays, romeDay, romeMidnight } from '../src/domain/rome-calendar.js';

const SERVICE_TOKEN = 'delegation-test-service-token';
const A = 'RSSMRA80A01H501U'; // holds the company
const B = 'BNCGNN75C41F205H'; // delegate
const C = 'VRDLCU80A01H501G'; // a third citizen
const NEVER = 'NRIPLA85M10F205M'; // never logged in
const ORG = randomUUID();
const UNIT = randomUUID();
const OTHER_UNIT = randomUUID();
const ADMIN_MEMBERSHIP = randomUUID();
const TODAY = romeDay(new Date());

let app: NestFastifyApplication;
let base: string;
let ds: DataSource;
let events: PostgresEventTransport;
let issuer: AccessTokenIssuer;

function envelope<T extends EventType>(type: T, aggregateId: string, data: EventOf<T>['data']): EventOf<T> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId,
    correlationId: randomUUID(),
    causationId: null,
    actor: { kind: 'system', id: 'system' },
    data,
  } as EventOf<T>;
}

const citizen = (codiceFiscale: string, nome: string, cognome: string): CitizenV1 => ({
  codiceFiscale,
  nome,
  cognome,
  email: `${nome.toLowerCase()}@example.it`,
  source: 'spid',
});

const organization: OrganizationV1 = {
  organizationId: ORG,
  kind: 'azienda-italiana',
  codiceFiscale: '01234567890',
  partitaIva: '01234567890',
  codiceIdentificativo: null,
  statoEstero: null,
  denominazione: 'Rossi S.r.l.',
  formaGiuridica: null,
  tipoEnte: null,
  settoreEconomico: null,
  tipoAzienda: null,
  tipiSoggettoAbilitato: ['Consulenti del Lavoro (art. 1, co. 1, L. 12/79)'],
  sedeLegale: { indirizzo: 'Via Roma 1', cap: null, comune: null, citta: null },
  email: null,
  pec: null,
  telefono: null,
};

const membership = (over: Partial<MembershipV1>): MembershipV1 => ({
  membershipId: ADMIN_MEMBERSHIP,
  organizationId: ORG,
  organizationCodiceFiscale: '01234567890',
  codiceFiscale: A,
  kind: 'amministratore',
  roles: ['COB', 'SARE', 'IDO', 'RAA', 'ANAGRAFICA'],
  scope: 'organization',
  unitIds: [],
  validFrom: '2020-01-01',
  validTo: null,
  ...over,
});

async function publish(topic: string, ...envelopes: EventOf<EventType>[]): Promise<void> {
  await events.publish(envelopes.map((e) => ({ topic, key: e.aggregateId, envelope: e })));
}

const actor = (cf: string): Actor => ({ kind: 'citizen', id: cf });

async function call(cf: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> =
    cf === 'service'
      ? { [SERVICE_TOKEN_HEADER]: SERVICE_TOKEN }
      : { authorization: `Bearer ${await issuer.issue(actor(cf))}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function check(cf: string, extra = ''): Promise<{ allowed: boolean; grant: { source: string } | null }> {
  const res = await call('service', 'GET', `/v1/access-rights/check?codiceFiscale=${cf}&organizationId=${ORG}${extra}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function outboxTypes(aggregateId: string): Promise<string[]> {
  const rows = await ds.query<Array<{ type: string }>>(
    `SELECT envelope->>'type' AS type FROM outbox WHERE key = $1 ORDER BY seq`,
    [aggregateId],
  );
  return rows.map((r) => r.type);
}

async function create(from: string, to: string, dataInizio = TODAY, dataScadenza = addDays(TODAY, 30)) {
  return call(from, 'POST', '/delegations', {
    codiceFiscaleDelegato: to,
    organizationId: ORG,
    dataInizio,
    dataScadenza,
  });
}

beforeAll(async () => {
  issuer = (await AccessTokenIssuer.generate()).issuer;
  const eventsUrl = await createTestDatabase('delegations_events');
  const env = loadDelegationEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: await createTestDatabase('delegations'),
    EVENT_TRANSPORT: 'postgres',
    EVENTS_DATABASE_URL: eventsUrl,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    SERVICE_TOKEN,
    DELEGATION_EXPIRY_INTERVAL_MS: '3600000',
  });
  app = await createServiceApp(DelegationModule.register(env), { name: 'delegation', logLevel: 'silent' });
  connectEventHandlers(app);
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
  ds = app.get(DataSource);
  events = new PostgresEventTransport({ url: eventsUrl, pollIntervalMs: 100 });

  await publish(
    CITIZEN_TOPIC_V1,
    ...[citizen(A, 'Mario', 'Rossi'), citizen(B, 'Giovanna', 'Bianchi'), citizen(C, 'Luca', 'Verdi')].map((c) =>
      envelope('citizen.registered', c.codiceFiscale, c),
    ),
  );
  await publish(ORGANIZATION_TOPIC_V1, envelope('organization.associated', ORG, organization));
  await publish(MEMBERSHIP_TOPIC_V1, envelope('membership.granted', ORG, membership({})));
  await until('the read models', async () => {
    const [row] = await ds.query<Array<{ c: number; o: number; a: number }>>(
      `SELECT (SELECT count(*) FROM known_citizen)::int AS c, (SELECT count(*) FROM organization_ref)::int AS o,
              (SELECT count(*) FROM access_right)::int AS a`,
    );
    return row.c === 3 && row.o === 1 && row.a === 1 ? true : undefined;
  });
}, 60_000);

afterAll(async () => {
  await events?.close();
  await app?.close();
});

describe('Aggiungi delega', () => {
  it('"Ricerca profilo" lists the organisations I hold; someone who holds none gets an empty list', async () => {
    const mine = await call(A, 'GET', '/delegations/profiles');
    expect(mine.body).toEqual({
      profili: [
        {
          organizationId: ORG,
          denominazione: 'Rossi S.r.l.',
          codiceFiscale: '01234567890',
          tipiSoggettoAbilitato: ['Consulenti del Lavoro (art. 1, co. 1, L. 12/79)'],
        },
      ],
    });
    expect((await call(C, 'GET', '/delegations/profiles')).body).toEqual({ profili: [] });
  });

  it('a retroactive start, an end before the start and a missing date are refused field by field', async () => {
    const past = await create(A, B, addDays(TODAY, -1));
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: { dataInizio: expect.stringContaining('retroattive') } },
    });
    const inverted = await create(A, B, addDays(TODAY, 5), addDays(TODAY, 4));
    expect(inverted.body.details.fields).toHaveProperty('dataScadenza');
    const missing = await call(A, 'POST', '/delegations', { codiceFiscaleDelegato: B, organizationId: ORG });
    expect(Object.keys(missing.body.details.fields).sort()).toEqual(['dataInizio', 'dataScadenza']);
    expect(await outboxTypes(ORG)).not.toContain('delegation.requested');
  });

  it('a citizen who never logged in cannot be delegated; one cannot delegate oneself', async () => {
    const never = await create(A, NEVER);
    expect(never.status).toBe(404);
    expect(never.body.code).toBe('DELEGATE_NEVER_LOGGED_IN');
    const self = await create(A, A);
    expect(self.body.details.fields).toHaveProperty('codiceFiscaleDelegato');
  });

  it('only who holds the organisation may delegate for it', async () => {
    const res = await create(C, B);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ORGANIZATION_NOT_HELD');
  });
});

describe('the life of a delega', () => {
  let id: string;

  it('Salva: "L\'assegnazione della delega è avvenuta correttamente", in attesa for the delegate, no access yet', async () => {
    const res = await create(A, B);
    expect(res.status).toBe(201);
    expect(res.body.messaggio).toBe("L'assegnazione della delega è avvenuta correttamente");
    id = res.body.delega.id;
    expect(res.body.delega).toMatchObject({
      stato: 'IN_ATTESA',
      delegante: { codiceFiscale: A, nome: 'Mario', cognome: 'Rossi' },
      delegato: { codiceFiscale: B, nome: 'Giovanna', cognome: 'Bianchi' },
      azienda: { organizationId: ORG, denominazione: 'Rossi S.r.l.', codiceFiscale: '01234567890' },
      dataInizio: TODAY,
    });
    const pending = await call(B, 'GET', '/delegations/received/pending');
    expect(pending.body).toMatchObject({
      totale: 1,
      items: [{ delegationId: id, tipoDelega: 'INSERIMENTO', stato: 'ATTESA_APPROVAZIONE' }],
    });
    expect(pending.body.items[0].idRichiesta).toBeGreaterThan(100000);
    expect((await check(B)).allowed).toBe(false);
    expect(await outboxTypes(id)).toEqual(['delegation.requested']);
    // A second delega to the same delegate for the same profile is refused while this one is open.
    expect((await create(A, B)).body.code).toBe('DELEGATION_ALREADY_EXISTS');
  });

  it('nobody else sees it or acts on it: 404, as if it did not exist', async () => {
    for (const [method, path, body] of [
      ['GET', `/delegations/${id}`],
      ['POST', `/delegations/${id}/accept`],
      ['POST', `/delegations/${id}/refuse`, { motivo: 'no' }],
      ['POST', `/delegations/${id}/modify`, { dataInizio: TODAY, dataScadenza: addDays(TODAY, 3) }],
      ['POST', `/delegations/${id}/revoke`],
    ] as Array<[string, string, unknown?]>) {
      const res = await call(C, method, path, body);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('DELEGATION_NOT_FOUND');
    }
    for (const list of [
      '/delegations/received',
      '/delegations/received/pending',
      '/delegations/sent',
      '/delegations/delegates',
    ]) {
      expect((await call(C, 'GET', list)).body.totale).toBe(0);
    }
    // The delegator sees it but cannot answer in the delegate's place.
    expect((await call(A, 'GET', `/delegations/${id}`)).status).toBe(200);
    expect((await call(A, 'POST', `/delegations/${id}/accept`)).status).toBe(404);
    expect((await call(B, 'GET', `/delegations/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('a refusal needs a reason', async () => {
    const res = await call(B, 'POST', `/delegations/${id}/refuse`, { motivo: '  ' });
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toHaveProperty('motivo');
  });

  it('the delegate accepts: Completata, listed among the received ones, and the check now allows, naming the delega', async () => {
    const res = await call(B, 'POST', `/delegations/${id}/accept`);
    expect(res.status).toBe(200);
    expect(res.body.stato).toBe('ACCETTATA');
    const allowed = await check(B, '&permission=COB');
    expect(allowed).toMatchObject({
      allowed: true,
      grant: { source: 'delega', sourceId: id, permissions: ['COB', 'SARE', 'IDO', 'RAA'] },
    });
    // A delega gives the services' work, not the organisation's own registry data.
    expect((await check(B, '&permission=ANAGRAFICA')).allowed).toBe(false);
    expect((await call(B, 'GET', '/delegations/received')).body.items.map((d: { id: string }) => d.id)).toEqual([id]);
    expect((await call(B, 'GET', '/delegations/received/pending')).body.totale).toBe(0);
    expect((await call(A, 'GET', '/delegations/sent')).body.items[0]).toMatchObject({
      delegationId: id,
      tipoDelega: 'INSERIMENTO',
      stato: 'COMPLETATA',
    });
    const orgs = await call('service', 'GET', `/access-rights/citizens/${B}/organizations`);
    expect(orgs.body.organizations).toEqual([
      {
        organizationId: ORG,
        ragioneSociale: 'Rossi S.r.l.',
        codiceFiscale: '01234567890',
        roles: ['COB', 'IDO', 'RAA', 'SARE'],
      },
    ]);
    expect(await outboxTypes(ORG)).toContain('access.granted');
  });

  it('Modifica: new dates await the delegate while the old ones hold; accepted, they replace them', async () => {
    const newEnd = addDays(TODAY, 60);
    const asked = await call(A, 'POST', `/delegations/${id}/modify`, { dataInizio: TODAY, dataScadenza: newEnd });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ dataScadenza: addDays(TODAY, 30), modificaInAttesa: { dataScadenza: newEnd } });
    expect((await check(B)).allowed).toBe(true);
    const pending = await call(B, 'GET', '/delegations/received/pending');
    expect(pending.body.items).toMatchObject([{ tipoDelega: 'MODIFICA', dataScadenza: newEnd }]);
    expect(
      (await call(A, 'POST', `/delegations/${id}/modify`, { dataInizio: TODAY, dataScadenza: newEnd })).body.code,
    ).toBe('MODIFICATION_PENDING');
    const accepted = await call(B, 'POST', `/delegations/${id}/accept`);
    expect(accepted.body).toMatchObject({ stato: 'ACCETTATA', dataScadenza: newEnd, modificaInAttesa: null });
    const at = romeMidnight(addDays(TODAY, 45)).toISOString();
    expect((await check(B, `&at=${encodeURIComponent(at)}`)).allowed).toBe(true);
  });

  it('a refused Modifica leaves the terms as they were, with the reason in the history', async () => {
    const before = (await call(B, 'GET', `/delegations/${id}`)).body;
    await call(A, 'POST', `/delegations/${id}/modify`, { dataInizio: TODAY, dataScadenza: addDays(TODAY, 2) });
    const refused = await call(B, 'POST', `/delegations/${id}/refuse`, { motivo: 'Troppo breve' });
    expect(refused.body).toMatchObject({
      stato: 'ACCETTATA',
      dataScadenza: before.dataScadenza,
      modificaInAttesa: null,
    });
    const sent = (await call(A, 'GET', '/delegations/sent')).body.items;
    expect(sent[0]).toMatchObject({ tipoDelega: 'MODIFICA', stato: 'RIFIUTATA', motivo: 'Troppo breve' });
  });

  it('Revoca: at once; the check refuses, the history shows Revoca Completata and the Inserimento Revocata', async () => {
    expect((await call(B, 'POST', `/delegations/${id}/revoke`)).status).toBe(403); // the delegate cannot revoke
    const res = await call(A, 'POST', `/delegations/${id}/revoke`);
    expect(res.body.stato).toBe('REVOCATA');
    expect(await check(B)).toEqual({ allowed: false, grant: null });
    const sent = (await call(A, 'GET', '/delegations/sent')).body.items;
    expect(sent.map((r: { tipoDelega: string; stato: string }) => `${r.tipoDelega}:${r.stato}`)).toEqual([
      'REVOCA:COMPLETATA',
      'MODIFICA:RIFIUTATA',
      'MODIFICA:REVOCATA',
      'INSERIMENTO:REVOCATA',
    ]);
    expect((await call(A, 'POST', `/delegations/${id}/revoke`)).body.code).toBe('NOT_ACTIVE');
    expect(await outboxTypes(id)).toEqual([
      'delegation.requested',
      'delegation.accepted',
      'delegation.modified',
      'delegation.accepted',
      'delegation.modified',
      'delegation.refused',
      'delegation.revoked',
    ]);
    const audit = await ds.query<Array<{ action: string; actor_id: string }>>(
      `SELECT action, actor_id FROM audit_entry WHERE subject_type = 'delegation' AND subject_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a) => `${a.action}:${a.actor_id}`)).toEqual([
      `delegation.requested:${A}`,
      `delegation.accepted:${B}`,
      `delegation.modified:${A}`,
      `delegation.accepted:${B}`,
      `delegation.modified:${A}`,
      `delegation.refused:${B}`,
      `delegation.revoked:${A}`,
    ]);
  });

  it('the history cannot be rewritten: an answered request is immutable, none is ever deleted', async () => {
    await expect(
      ds.query(`UPDATE delegation_request SET outcome = 'COMPLETATA' WHERE delegation_id = $1`, [id]),
    ).rejects.toThrow(/immutable/);
    await expect(ds.query(`DELETE FROM delegation_request WHERE delegation_id = $1`, [id])).rejects.toThrow(
      /never deleted/,
    );
  });

  it('a refused Inserimento never gives access', async () => {
    const res = await create(A, B);
    const refused = await call(B, 'POST', `/delegations/${res.body.delega.id}/refuse`, { motivo: 'Non collaboro più' });
    expect(refused.body.stato).toBe('RIFIUTATA');
    expect((await check(B)).allowed).toBe(false);
  });
});

describe('validity in time', () => {
  it('an accepted delega starting tomorrow is listed among the received ones but allows nothing until 00:00 in Rome', async () => {
    const start = addDays(TODAY, 1);
    const res = await create(A, C, start, addDays(TODAY, 3));
    await call(C, 'POST', `/delegations/${res.body.delega.id}/accept`);
    expect((await call(C, 'GET', '/delegations/received')).body.items[0]).toMatchObject({ dataInizio: start });
    expect((await check(C)).allowed).toBe(false);
    const midnight = romeMidnight(start);
    expect((await check(C, `&at=${encodeURIComponent(new Date(midnight.getTime() - 1).toISOString())}`)).allowed).toBe(
      false,
    );
    expect((await check(C, `&at=${encodeURIComponent(midnight.toISOString())}`)).allowed).toBe(true);
    const end = romeMidnight(addDays(TODAY, 4));
    expect((await check(C, `&at=${encodeURIComponent(new Date(end.getTime() - 1).toISOString())}`)).allowed).toBe(true);
    expect((await check(C, `&at=${encodeURIComponent(end.toISOString())}`)).allowed).toBe(false);
  });

  it('the expiry job ends it by itself, once, even with two replicas running at the same time', async () => {
    const [row] = await ds.query<Array<{ id: string }>>(
      `SELECT id FROM delegation WHERE delegate_cf = $1 AND status = 'ACCETTATA'`,
      [C],
    );
    const job = app.get(DelegationExpiryJob);
    const afterEnd = romeMidnight(addDays(TODAY, 4));
    const [one, two] = await Promise.all([job.runOnce(afterEnd), job.runOnce(afterEnd)]);
    expect(one.expired + two.expired).toBe(1);
    expect(one.grantsExpired + two.grantsExpired).toBe(1);
    expect((await call(C, 'GET', `/delegations/${row.id}`)).body.stato).toBe('SCADUTA');
    expect((await outboxTypes(row.id)).filter((t) => t === 'delegation.expired')).toHaveLength(1);
    expect((await outboxTypes(ORG)).filter((t) => t === 'access.expired')).toHaveLength(1);
    expect((await call(A, 'GET', '/delegations/sent')).body.items[0]).toMatchObject({ stato: 'SCADUTA' });
    expect((await job.runOnce(afterEnd)).expired).toBe(0);
  });

  it('the notice goes out the configured number of days before the end, once', async () => {
    const res = await create(A, C, TODAY, addDays(TODAY, 10));
    const id = res.body.delega.id;
    await call(C, 'POST', `/delegations/${id}/accept`);
    const job = app.get(DelegationExpiryJob);
    expect((await job.runOnce(romeMidnight(addDays(TODAY, 2)))).noticed).toBe(0); // 9 days left, notice at 7
    expect((await job.runOnce(romeMidnight(addDays(TODAY, 4)))).noticed).toBe(1);
    expect((await job.runOnce(romeMidnight(addDays(TODAY, 5)))).noticed).toBe(0);
    expect(await outboxTypes(id)).toContain('delegation.expiring');
    await call(A, 'POST', `/delegations/${id}/revoke`);
  });
});

describe('anti-abuse limits (off by default)', () => {
  it('the most open deleghe one delegate may hold, refused with a clear message', async () => {
    const env = app.get<DelegationEnv>(DELEGATION_ENV);
    env.DELEGATION_MAX_ACTIVE_PER_DELEGATE = 1;
    try {
      const first = await create(A, B);
      expect(first.status).toBe(201);
      await call(A, 'POST', '/delegations', {}); // no effect
      const org2 = randomUUID();
      await publish(
        MEMBERSHIP_TOPIC_V1,
        envelope('membership.granted', org2, membership({ membershipId: randomUUID(), organizationId: org2 })),
      );
      await until('the second organisation', async () =>
        (await call(A, 'GET', '/delegations/profiles')).body.profili.length === 2 ? true : undefined,
      );
      const second = await call(A, 'POST', '/delegations', {
        codiceFiscaleDelegato: B,
        organizationId: org2,
        dataInizio: TODAY,
        dataScadenza: addDays(TODAY, 5),
      });
      expect(second.status).toBe(429);
      expect(second.body).toMatchObject({
        code: 'DELEGATE_LIMIT_REACHED',
        message: expect.stringContaining('numero massimo'),
      });
      await call(B, 'POST', `/delegations/${first.body.delega.id}/refuse`, { motivo: 'no' });
    } finally {
      env.DELEGATION_MAX_ACTIVE_PER_DELEGATE = 0;
    }
  });
});

describe('access check', () => {
  it('the amministratore is allowed with every permission, on any unit; the grant says why', async () => {
    expect(await check(A, '&permission=ANAGRAFICA')).toMatchObject({
      allowed: true,
      grant: { source: 'amministratore', sourceId: ADMIN_MEMBERSHIP, scope: 'organization' },
    });
    expect((await check(A, `&unitId=${UNIT}`)).allowed).toBe(true);
  });

  it('an organigram role scoped to a unit allows that unit only, with its permissions only', async () => {
    const m = randomUUID();
    await publish(
      MEMBERSHIP_TOPIC_V1,
      envelope(
        'membership.granted',
        ORG,
        membership({
          membershipId: m,
          codiceFiscale: NEVER,
          kind: 'collaboratore',
          roles: ['COB'],
          scope: 'units',
          unitIds: [UNIT],
        }),
      ),
    );
    await until('the collaborator', async () => ((await check(NEVER)).allowed ? true : undefined));
    expect((await check(NEVER, `&permission=COB&unitId=${UNIT}`)).grant).toMatchObject({
      source: 'collaboratore',
      unitIds: [UNIT],
    });
    expect((await check(NEVER, `&permission=COB&unitId=${OTHER_UNIT}`)).allowed).toBe(false);
    expect((await check(NEVER, '&permission=SARE')).allowed).toBe(false);
    // Removed from the organigram: refused at once.
    await publish(
      MEMBERSHIP_TOPIC_V1,
      envelope(
        'membership.revoked',
        ORG,
        membership({
          membershipId: m,
          codiceFiscale: NEVER,
          kind: 'collaboratore',
          roles: ['COB'],
          scope: 'units',
          unitIds: [UNIT],
        }),
      ),
    );
    await until('the revocation', async () => ((await check(NEVER)).allowed ? undefined : true));
    expect((await outboxTypes(ORG)).filter((t) => t === 'access.revoked').length).toBeGreaterThan(0);
  });

  it('a membership valid from a future day or ended yesterday allows nothing now', async () => {
    const future = randomUUID();
    const past = randomUUID();
    const who = 'MRTLGU70A01F205G';
    await publish(
      MEMBERSHIP_TOPIC_V1,
      envelope(
        'membership.granted',
        ORG,
        membership({ membershipId: future, codiceFiscale: who, kind: 'collaboratore', validFrom: addDays(TODAY, 1) }),
      ),
      envelope(
        'membership.granted',
        ORG,
        membership({
          membershipId: past,
          codiceFiscale: who,
          kind: 'collaboratore',
          validFrom: '2020-01-01',
          validTo: addDays(TODAY, -1),
        }),
      ),
    );
    await until('both grants', async () => {
      const [r] = await ds.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM access_right WHERE citizen_cf = $1`,
        [who],
      );
      return r.n === 2 ? true : undefined;
    });
    expect(await check(who)).toEqual({ allowed: false, grant: null });
  });

  it('is a service API: a citizen asks only about themself', async () => {
    expect((await call(B, 'GET', `/v1/access-rights/check?codiceFiscale=${A}&organizationId=${ORG}`)).status).toBe(403);
    const own = await call(A, 'GET', `/v1/access-rights/me/check?organizationId=${ORG}&permission=COB`);
    expect(own.body).toMatchObject({ allowed: true, grant: { source: 'amministratore' } });
    const bad = await call(
      'service',
      'GET',
      `/v1/access-rights/check?codiceFiscale=RSSMRA80A01H501X&organizationId=no%20pe!`,
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['codiceFiscale', 'organizationId']);
  });

  it('the amministratore losing the organisation loses the right to delegate for it, and what they delegated ends', async () => {
    const accepted = (await create(A, C)).body.delega.id as string;
    await call(C, 'POST', `/delegations/${accepted}/accept`);
    const pending = (await create(A, B)).body.delega.id as string;
    expect((await check(C)).allowed).toBe(true);
    await publish(MEMBERSHIP_TOPIC_V1, envelope('membership.revoked', ORG, membership({})));
    await until('the association revoked', async () => ((await check(A)).allowed ? undefined : true));
    expect((await create(A, B)).body.code).toBe('ORGANIZATION_NOT_HELD');
    await until('the deleghe ended', async () =>
      (await call(C, 'GET', `/delegations/${accepted}`)).body.stato === 'REVOCATA' ? true : undefined,
    );
    expect((await call(B, 'GET', `/delegations/${pending}`)).body.stato).toBe('REVOCATA');
    expect(await check(C)).toEqual({ allowed: false, grant: null });
    expect((await call(C, 'POST', `/delegations/${accepted}/accept`)).body.code).toBe('NOT_AWAITING_ANSWER');
    expect((await call(B, 'POST', `/delegations/${pending}/accept`)).body.code).toBe('NOT_AWAITING_ANSWER');
    expect((await outboxTypes(accepted)).at(-1)).toBe('delegation.revoked');
  });
});
