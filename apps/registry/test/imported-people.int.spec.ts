/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- response bodies are
   checked by the assertions themselves (Json is any) */
// "Utenti importati dal sistema precedente" through the registry's real Nest app and HTTP, against real PostgreSQL:
// an imported company (its referent) and an imported Region (its staff on a sede), written by the registry's
// legacy-import code as the migration CLI does; each gets its amministratore the way production does (an
// admin-verification approval published on the event log, consumed by the registry's inbox). The list is for whoever
// may manage the organigram; the promotion is the organigram's own "Aggiungi un utente" (roles chosen by the
// amministratore), after which the person leaves the list; bad input changes nothing; a revoked member is listed again.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { type EventEnvelope, topicOf, validateEvent } from '@profila/contracts';
import { generateCodiceFiscale } from '@profila/italian';
import { PostgresEventTransport } from '@profila/messaging';
import { AccessTokenIssuer, type Actor, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { createTestDatabase, until } from '@profila/testing';
import { loadRegistryEnv } from '../src/config/registry.env.js';
import { legacyId, LegacyImportRepository, outboxLane } from '../src/legacy-import/index.js';
import { ItalianPlaces } from '../src/reference-data/italian-places.js';
import { createRegistryApp } from '../src/registry.app.js';

const SERVICE_TOKEN = 'registry-imported-people-int-test-token';

const person = (cognome: string, nome: string, dataNascita: string, sesso: 'M' | 'F', luogoNascita: string) => ({
  codiceFiscale: generateCodiceFiscale({ cognome, nome, dataNascita, sesso, codiceCatastale: luogoNascita }),
  nome,
  cognome,
  dataNascita,
  luogoNascita,
});
// The company's amministratore, the legacy referent (of the company and of the Region's sede too), two Region staff.
const mario = person('Rossi', 'Mario', '1990-05-10', 'M', 'H612');
const lorenzo = person('Venturi', 'Lorenzo', '1988-02-26', 'M', 'I921');
const elena = person('Galli', 'Elena', '1979-11-02', 'F', 'F205');
const paolo = person('Ferri', 'Paolo', '1983-04-19', 'M', 'C933');
const regionAdmin = person('Marino', 'Chiara', '1970-01-30', 'F', 'F205');
const rappresentante = person('Neri', 'Anna', '1975-03-03', 'F', 'L378');
const collaboratoreCob = person('Bianchi', 'Giulia', '1992-07-15', 'F', 'F205');
const collaboratoreAnagrafica = person('Conti', 'Sara', '1995-05-28', 'F', 'L378');
const collaboratoreDiUnita = person('Greco', 'Pietro', '1986-09-09', 'M', 'L378');

const citizen = (p: { codiceFiscale: string }, actingFor?: string): Actor => ({
  kind: 'citizen',
  id: p.codiceFiscale,
  ...(actingFor ? { actingFor } : {}),
});
const MARIO = citizen(mario);
const luca = person('Esposito', 'Luca', '1985-05-05', 'M', 'F839');
const STRANGER = citizen(luca);
const OPERATOR: Actor = { kind: 'operator', id: person('Russo', 'Marco', '1980-02-02', 'M', 'F205').codiceFiscale };

const COMPANY_CF = '00097020598';
const REGION_CF = '80050050154';
const COMPANY = legacyId('organization', COMPANY_CF);
const REGION = legacyId('organization', REGION_CF);
const LOGIN_UNIT = legacyId('unit', 'login:azienda.prova');
const SEDE_MILANO = legacyId('unit', 'sede:cpi-milano');
const SEDE_COMO = legacyId('unit', 'sede:cpi-como');

let issuer: AccessTokenIssuer;
let registry: NestFastifyApplication;
let baseUrl: string;
let db: pg.Client;
let transport: PostgresEventTransport;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(method: string, path: string, actor: Actor | 'service' | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (actor === 'service') {
    headers[SERVICE_TOKEN_HEADER] = SERVICE_TOKEN;
    headers['x-profila-service'] = 'admin-verification';
  } else if (actor) headers.authorization = `Bearer ${await issuer.issue(actor)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

const imported = (org: string, actor: Actor | 'service' | null, query = '') =>
  call('GET', `/organizations/${org}/members/imported${query}`, actor);
const cfsOf = (res: { json: Json }) => (res.json.items as Array<{ codiceFiscale: string }>).map((i) => i.codiceFiscale);

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
}

/** What a refused request must leave as it was. */
async function state() {
  return {
    memberships: await count('SELECT count(*) AS n FROM membership'),
    active: await count('SELECT count(*) AS n FROM membership WHERE revoked_at IS NULL'),
    scopes: await count('SELECT count(*) AS n FROM membership_unit'),
    events: await count(`SELECT count(*) AS n FROM outbox WHERE envelope->>'type' LIKE 'membership.%'`),
    audit: await count(`SELECT count(*) AS n FROM audit_entry WHERE action LIKE 'membership.%'`),
  };
}

/** admin-verification's approval of an Amministratore nomination, on the shared event log. */
async function approveAmministratore(organizationId: string, codiceFiscaleOrg: string, p: typeof mario) {
  const requestId = randomUUID();
  const envelope = {
    id: randomUUID(),
    type: 'verification-request.approved',
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId: requestId,
    correlationId: randomUUID(),
    causationId: null,
    actor: { kind: 'operator', id: OPERATOR.id },
    data: {
      requestId,
      kind: 'amministratore',
      state: 'approved',
      applicantCodiceFiscale: p.codiceFiscale,
      person: { ...p, email: `${p.nome.toLowerCase()}@example.it`, pec: null },
      organization: { organizationId, codiceFiscale: codiceFiscaleOrg, ragioneSociale: 'IMPORTATA' },
      professione: null,
      territory: null,
      reason: null,
      integrationDueDate: null,
    },
  } as EventEnvelope;
  validateEvent(envelope);
  await transport.publish([{ topic: topicOf('verification-request.approved'), key: requestId, envelope }]);
  await until(
    `${p.cognome} amministratore`,
    async () =>
      (await call('GET', `/organizations/${organizationId}/members`, citizen(p))).status === 200 ? true : undefined,
    30_000,
  );
}

beforeAll(async () => {
  ({ issuer } = await AccessTokenIssuer.generate());
  const url = await createTestDatabase('registry_imported');
  const events = await createTestDatabase('importedevents');
  transport = new PostgresEventTransport({ url: events });
  registry = await createRegistryApp(
    loadRegistryEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      EVENT_TRANSPORT: 'postgres',
      AUTH_JWKS: JSON.stringify(issuer.jwks),
      SERVICE_TOKEN,
      DATABASE_URL: url,
      EVENTS_DATABASE_URL: events,
    }),
  );
  await registry.startAllMicroservices();
  await registry.listen(0, '127.0.0.1');
  baseUrl = await registry.getUrl();
  db = new pg.Client({ connectionString: url });
  await db.connect();

  // A company (one legacy login → one unit, its referent Lorenzo) and a Region (two sedi, Elena and Paolo on Milano,
  // Lorenzo on Como), staged and applied by the registry's legacy-import code as the migration CLI does.
  const repository = new LegacyImportRepository();
  await repository.prepareSession(db as unknown as pg.PoolClient, await ItalianPlaces.load());
  const companyLane = outboxLane(COMPANY);
  const regionLane = outboxLane(REGION);
  const org = (id: string, lane: number, kind: 'azienda-italiana' | 'ente-operatore', cf: string, name: string) => ({
    id,
    lane,
    kind,
    codiceFiscale: cf,
    ragioneSociale: name,
    ragioneSocialeNorm: name,
    tipoEnte: kind === 'ente-operatore' ? 'regione' : null,
    sedeComune: 'F205',
    sedeProvincia: 'MI',
    sedeCap: '20121',
    sedeIndirizzo: 'Via Roma 1',
    email: null,
    pec: null,
  });
  const unit = (id: string, organizationId: string, lane: number, descrizione: string) => ({
    id,
    organizationId,
    lane,
    descrizione,
    comune: 'F205',
    cap: '20121',
    indirizzo: 'Via Roma 1',
    validFrom: '2020-01-01',
  });
  const legacy = (p: typeof mario) => ({ ...p, email: `${p.nome.toLowerCase()}.${p.cognome.toLowerCase()}@legacy.it` });
  const link = (organizationId: string, p: typeof mario, ruolo: 'referente' | 'personale', unitId: string | null) => ({
    id: legacyId('link', `${organizationId}:${p.codiceFiscale}:${ruolo}:${unitId ?? ''}`),
    organizationId,
    codiceFiscale: p.codiceFiscale,
    ruolo,
    unitId,
  });
  await db.query('BEGIN');
  await repository.applyBatch(db as unknown as pg.PoolClient, legacyId('run', 'imported-people-test'), {
    organizations: [
      org(COMPANY, companyLane, 'azienda-italiana', COMPANY_CF, 'AZIENDA PROVA 1 SRL'),
      org(REGION, regionLane, 'ente-operatore', REGION_CF, 'REGIONE DI PROVA'),
    ],
    accreditations: [],
    units: [
      unit(LOGIN_UNIT, COMPANY, companyLane, 'AZIENDA PROVA 1 SRL - Azienda.Prova'),
      unit(SEDE_MILANO, REGION, regionLane, "Centro per l'Impiego di Milano"),
      unit(SEDE_COMO, REGION, regionLane, "Centro per l'Impiego di Como"),
    ],
    accounts: [],
    people: [legacy(lorenzo), legacy(elena), legacy(paolo)],
    links: [
      link(COMPANY, lorenzo, 'referente', null),
      link(REGION, elena, 'personale', SEDE_MILANO),
      link(REGION, paolo, 'personale', SEDE_MILANO),
      link(REGION, lorenzo, 'personale', SEDE_COMO),
    ],
  });
  await db.query('COMMIT');

  await approveAmministratore(COMPANY, COMPANY_CF, mario);
  await approveAmministratore(REGION, REGION_CF, regionAdmin);
  // Units and organigram unlock once the rappresentante legale is saved (as in "Dati azienda").
  for (const [id, admin] of [
    [COMPANY, MARIO],
    [REGION, citizen(regionAdmin)],
  ] as const) {
    expect((await call('PUT', `/organizations/${id}/legal-representative`, admin, rappresentante)).status).toBe(200);
  }
  // Three collaborators of the company: COB only, ANAGRAFICA on the whole organisation, ANAGRAFICA on one unit.
  for (const [p, ruoli, ambito] of [
    [collaboratoreCob, ['COB'], 'organizzazione'],
    [collaboratoreAnagrafica, ['ANAGRAFICA'], 'organizzazione'],
    [collaboratoreDiUnita, ['ANAGRAFICA'], 'unita'],
  ] as const) {
    const added = await call('POST', `/organizations/${COMPANY}/members`, MARIO, {
      ...p,
      ruoli,
      ambito,
      ...(ambito === 'unita' ? { unitaIds: [LOGIN_UNIT] } : {}),
    });
    expect(added.status).toBe(201);
  }
}, 90_000);

afterAll(async () => {
  await registry?.close();
  await transport?.close();
  await db?.end();
});

describe('Utenti importati dal sistema precedente', () => {
  it("lists the company's imported referent with what the legacy system said, and nobody else's people", async () => {
    const res = await imported(COMPANY, MARIO);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      items: [
        {
          id: legacyId('link', `${COMPANY}:${lorenzo.codiceFiscale}:referente:`),
          codiceFiscale: lorenzo.codiceFiscale,
          cognome: 'Venturi',
          nome: 'Lorenzo',
          email: 'lorenzo.venturi@legacy.it',
          dataNascita: '1988-02-26',
          luogoNascitaCodice: 'I921',
          luogoNascita: { codiceBelfiore: 'I921', nome: 'Spoleto', provincia: 'PG' },
          ruolo: 'referente',
          unitaId: null,
          unitaDescrizione: null,
          importatoIl: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        },
      ],
      totale: 1,
      pagina: 1,
      elementi: 10,
    });
  });

  it("lists the Region's staff on their sede for the Region's amministratore, sorted, paged and searchable", async () => {
    const admin = citizen(regionAdmin);
    const all = await imported(REGION, admin);
    expect(all.status).toBe(200);
    expect(
      all.json.items.map((i: Json) => [i.cognome, i.ruolo, i.unitaId, i.unitaDescrizione, i.luogoNascita?.nome]),
    ).toEqual([
      ['Ferri', 'personale', SEDE_MILANO, "Centro per l'Impiego di Milano", 'Como'],
      ['Galli', 'personale', SEDE_MILANO, "Centro per l'Impiego di Milano", 'Milano'],
      ['Venturi', 'personale', SEDE_COMO, "Centro per l'Impiego di Como", 'Spoleto'],
    ]);
    expect(all.json.totale).toBe(3);
    const search = await imported(REGION, admin, '?cerca=como');
    expect(cfsOf(search)).toEqual([lorenzo.codiceFiscale]);
    const byCf = await imported(REGION, admin, `?cerca=${elena.codiceFiscale.slice(0, 8).toLowerCase()}`);
    expect(cfsOf(byCf)).toEqual([elena.codiceFiscale]);
    const wildcard = await imported(REGION, admin, '?cerca=%25');
    expect(wildcard.json.totale).toBe(0);
    const pastTheEnd = await imported(REGION, admin, '?pagina=2&elementi=10');
    expect(pastTheEnd.json).toMatchObject({ items: [], totale: 3, pagina: 2 });
  });

  it('only who may manage the organigram reads it: the others get the organigram’s own 403 / 404', async () => {
    const cases: Array<[string, Actor | 'service' | null, number]> = [
      ['amministratore', MARIO, 200],
      ['amministratore acting for the company', citizen(mario, COMPANY), 200],
      ['ANAGRAFICA collaborator of the whole organisation', citizen(collaboratoreAnagrafica), 200],
      ['collaborator without ANAGRAFICA', citizen(collaboratoreCob), 403],
      ['ANAGRAFICA collaborator of one unit only', citizen(collaboratoreDiUnita), 403],
      ['another citizen', STRANGER, 404],
      ['a delegate acting for the company without a membership', citizen(luca, COMPANY), 404],
      ['the amministratore acting for another organisation', citizen(mario, REGION), 404],
      ["the Region's amministratore", citizen(regionAdmin), 404],
      ['the imported referent himself', citizen(lorenzo), 404],
      ['an operator', OPERATOR, 403],
      ['a service of the platform (the organigram answers it)', 'service', 403],
      ['nobody', null, 401],
    ];
    for (const [who, actor, status] of cases) {
      const list = await imported(COMPANY, actor);
      expect({ who, status: list.status }).toEqual({ who, status });
      if (status !== 200) expect(JSON.stringify(list.json)).not.toContain(lorenzo.codiceFiscale);
      // The same answer as the organigram itself, except where only reading it is allowed.
      const organigram = await call('GET', `/organizations/${COMPANY}/members`, actor);
      if (status !== 403 || actor === OPERATOR) expect({ who, status: organigram.status }).toEqual({ who, status });
    }
  });

  it('a malformed or unknown organisation id is 404, a bad page request 400, for the amministratore too', async () => {
    expect((await imported('not-a-uuid', MARIO)).status).toBe(404);
    expect((await imported(randomUUID(), MARIO)).status).toBe(404);
    const bad = await imported(COMPANY, MARIO, '?elementi=7&pagina=0');
    expect(bad.status).toBe(400);
    expect(bad.json.details.fields).toEqual({
      elementi: 'Elementi per pagina: 10, 25, 50 o 100',
      pagina: 'Pagina non valida',
    });
  });

  it('promotion is "Aggiungi un utente" with the roles the amministratore picks: bad input changes nothing, then the person leaves the list', async () => {
    const admin = citizen(regionAdmin);
    const before = await state();
    const body = { ...elena, ruoli: ['COB', 'SARE'], ambito: 'unita', unitaIds: [SEDE_MILANO] };
    // No roles: nothing is granted by the import alone.
    const noRoles = await call('POST', `/organizations/${REGION}/members`, admin, { ...body, ruoli: [] });
    expect(noRoles.status).toBe(400);
    expect(noRoles.json.details.fields.ruoli).toBe('Selezionare almeno un ruolo');
    // A unit of another organisation, an unknown unit, a malformed one.
    for (const unitaIds of [[LOGIN_UNIT], [randomUUID()], ['non-un-id']]) {
      const bad = await call('POST', `/organizations/${REGION}/members`, admin, { ...body, unitaIds });
      expect(bad.status).toBe(400);
      expect(bad.json.details.fields.unitaIds).toMatch(/Unità operativa/);
    }
    // The company's amministratore cannot promote the Region's staff.
    expect((await call('POST', `/organizations/${REGION}/members`, MARIO, body)).status).toBe(404);
    expect(await state()).toEqual(before);
    expect(cfsOf(await imported(REGION, admin))).toContain(elena.codiceFiscale);

    const added = await call('POST', `/organizations/${REGION}/members`, admin, body);
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      codiceFiscale: elena.codiceFiscale,
      tipo: 'collaboratore',
      ruoli: ['COB', 'SARE'],
      ambito: 'unita',
      unitaIds: [SEDE_MILANO],
    });
    expect(cfsOf(await imported(REGION, admin))).toEqual([paolo.codiceFiscale, lorenzo.codiceFiscale]);
    // One membership, one event, one audit entry, in the one transaction of "Aggiungi un utente".
    expect(await state()).toEqual({
      memberships: before.memberships + 1,
      active: before.active + 1,
      scopes: before.scopes + 1,
      events: before.events + 1,
      audit: before.audit + 1,
    });
    const event = await db.query<{ envelope: Json }>(
      `SELECT envelope FROM outbox WHERE envelope->>'type' = 'membership.granted'
          AND envelope->'data'->>'codiceFiscale' = $1`,
      [elena.codiceFiscale],
    );
    expect(event.rows.map((r) => r.envelope.data)).toEqual([
      expect.objectContaining({
        organizationId: REGION,
        roles: ['COB', 'SARE'],
        scope: 'units',
        unitIds: [SEDE_MILANO],
      }),
    ]);
    // Promoted in the Region, Lorenzo is still the company's imported referent (one person, two organisations).
    const lorenzoInRegion = await call('POST', `/organizations/${REGION}/members`, admin, {
      ...lorenzo,
      ruoli: ['IDO'],
      ambito: 'organizzazione',
    });
    expect(lorenzoInRegion.status).toBe(201);
    expect(cfsOf(await imported(REGION, admin))).toEqual([paolo.codiceFiscale]);
    expect(cfsOf(await imported(COMPANY, MARIO))).toEqual([lorenzo.codiceFiscale]);
    // Adding the promoted person again: the organigram's own refusal.
    expect((await call('POST', `/organizations/${REGION}/members`, admin, body)).json.code).toBe(
      'MEMBER_ALREADY_PRESENT',
    );
  });

  it('removing a promoted person from the organigram lists them as imported again (derived, not stored)', async () => {
    const admin = citizen(regionAdmin);
    const members = await call('GET', `/organizations/${REGION}/members`, admin);
    const elenaMember = members.json.items.find((m: Json) => m.codiceFiscale === elena.codiceFiscale);
    expect((await call('DELETE', `/organizations/${REGION}/members/${elenaMember.id}`, admin)).status).toBe(200);
    // Ferri before Galli: the list's order is cognome, nome.
    expect(cfsOf(await imported(REGION, admin))).toEqual([paolo.codiceFiscale, elena.codiceFiscale]);
  });
});
