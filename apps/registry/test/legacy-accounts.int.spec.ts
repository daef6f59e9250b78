// "Accedi all'utenza aziendale" through the registry's real Nest app and HTTP, against real PostgreSQL: imported
// legacy logins (written by the registry's legacy-import code, as the migration CLI does) are claimed with their
// legacy password; each scheme is checked; an unknown username and a wrong password get one answer; failures are
// limited per citizen and per username and audited; a login claimed by one citizen cannot be claimed by another;
// the claim grants nothing (no membership, no event); operators and services cannot call it. "Accedi all'utenza RAA":
// only the RAA user themself (the SPID identity's codice fiscale) gets what their legacy registration declared.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { AccessTokenIssuer, type Actor } from '@profila/platform';
import { generateCodiceFiscale } from '@profila/italian';
import { createTestDatabase } from '@profila/testing';
import { loadRegistryEnv } from '../src/config/registry.env.js';
import {
  hashLegacyPassword as legacyHash,
  legacyId,
  LegacyImportRepository,
  outboxLane,
} from '../src/legacy-import/index.js';
import { ItalianPlaces } from '../src/reference-data/italian-places.js';
import { createRegistryApp } from '../src/registry.app.js';

const cf = (cognome: string, nome: string) =>
  generateCodiceFiscale({ cognome, nome, dataNascita: '1985-05-05', sesso: 'M', codiceCatastale: 'L378' });
const MARIO: Actor = { kind: 'citizen', id: cf('Rossi', 'Mario') };
const LUCA: Actor = { kind: 'citizen', id: cf('Esposito', 'Luca') };
const PIETRO: Actor = { kind: 'citizen', id: cf('Greco', 'Pietro') };
const ANTONIO: Actor = { kind: 'citizen', id: cf('Tursi', 'Antonio') }; // an avvocato with a legacy RAA login
const PAOLA: Actor = { kind: 'citizen', id: cf('Neri', 'Paola') };
const OPERATOR: Actor = { kind: 'operator', id: cf('Neri', 'Anna') };
const PASSWORD = 'Vecchia-Password-2019';
const COMPANY_CF = '00097020598';

let issuer: AccessTokenIssuer;
let registry: NestFastifyApplication;
let baseUrl: string;
let db: pg.Client;

async function claim(actor: Actor, username: string, password: string, path = 'claim') {
  const res = await fetch(`${baseUrl}/legacy-accounts/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await issuer.issue(actor)}` },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, body };
}

/** How many audit entries of that action the actor has. */
async function audited(action: string, actor: Actor): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_entry WHERE action = $1 AND actor_id = $2',
    [action, actor.id],
  );
  return rows[0].n;
}

beforeAll(async () => {
  ({ issuer } = await AccessTokenIssuer.generate());
  const url = await createTestDatabase('registry_claim');
  registry = await createRegistryApp(
    loadRegistryEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      EVENT_TRANSPORT: 'postgres',
      AUTH_JWKS: JSON.stringify(issuer.jwks),
      DATABASE_URL: url,
      EVENTS_DATABASE_URL: await createTestDatabase('events'),
    }),
  );
  await registry.listen(0, '127.0.0.1');
  baseUrl = await registry.getUrl();
  db = new pg.Client({ connectionString: url });
  await db.connect();

  // Three logins of one company, one per legacy scheme, staged and applied as the migration CLI does.
  const repository = new LegacyImportRepository();
  await repository.prepareSession(db as unknown as pg.PoolClient, await ItalianPlaces.load());
  const organizationId = legacyId('organization', COMPANY_CF);
  const lane = outboxLane(organizationId);
  const referente = cf('Venturi', 'Lorenzo');
  const logins = (['bcrypt', 'sha1-salted', 'md5'] as const).map((scheme, i) => ({
    username: `Azienda.${scheme}`,
    scheme,
    unitId: legacyId('unit', `login:azienda.${scheme}`),
    i,
  }));
  await db.query('BEGIN');
  await repository.applyBatch(db as unknown as pg.PoolClient, legacyId('run', 'claim-test'), {
    organizations: [
      {
        id: organizationId,
        lane,
        kind: 'azienda-italiana',
        codiceFiscale: COMPANY_CF,
        ragioneSociale: 'AZIENDA PROVA 1 SRL',
        ragioneSocialeNorm: 'AZIENDA PROVA 1 SRL',
        tipoEnte: null,
        sedeComune: 'L378',
        sedeProvincia: 'TN',
        sedeCap: '38121',
        sedeIndirizzo: 'Via del Lavoro 1',
        email: 'info@aziendaprova.it',
        pec: null,
      },
    ],
    accreditations: [],
    units: logins.map((l) => ({
      id: l.unitId,
      organizationId,
      lane,
      descrizione: `AZIENDA PROVA 1 SRL - ${l.username}`,
      comune: 'L378',
      cap: '38121',
      indirizzo: 'Via del Lavoro 1',
      validFrom: '2022-11-17',
    })),
    accounts: [
      ...logins.map((l) => ({
        username: l.username,
        kind: 'azienda' as const,
        organizationId,
        unitId: l.unitId,
        passwordHash: legacyHash(l.scheme, PASSWORD, 'f00dcafe'),
        passwordScheme: l.scheme,
        email: null,
        codiceFiscalePersona: referente,
        pec: null,
        professione: null,
      })),
      {
        username: 'avv.tursi',
        kind: 'raa',
        organizationId: null,
        unitId: null,
        passwordHash: legacyHash('bcrypt', PASSWORD, 'f00dcafe'),
        passwordScheme: 'bcrypt',
        email: 'antonio.tursi@example.it',
        codiceFiscalePersona: ANTONIO.id,
        pec: 'antonio.tursi@pec.example.it',
        professione: 'Avvocato',
      },
    ],
    people: [
      {
        codiceFiscale: referente,
        nome: 'Lorenzo',
        cognome: 'Venturi',
        dataNascita: '1988-02-26',
        luogoNascita: 'I921',
        email: 'lorenzo@example.it',
      },
      {
        codiceFiscale: ANTONIO.id,
        nome: 'Antonio',
        cognome: 'Tursi',
        dataNascita: '1985-05-05',
        luogoNascita: 'L378',
        email: 'antonio.tursi@example.it',
      },
    ],
    links: [],
  });
  await db.query('COMMIT');
}, 60_000);

afterAll(async () => {
  await registry?.close();
  await db?.end();
});

describe("Accedi all'utenza aziendale", () => {
  it('answers an unknown username and a wrong password alike, and audits both', async () => {
    const unknown = await claim(MARIO, 'nessuno', PASSWORD);
    const wrong = await claim(MARIO, 'Azienda.md5', 'sbagliata');
    expect(unknown.status).toBe(401);
    expect({ code: wrong.body.code, message: wrong.body.message, status: wrong.status }).toEqual({
      code: unknown.body.code,
      message: unknown.body.message,
      status: unknown.status,
    });
    expect(unknown.body.code).toBe('LEGACY_CREDENTIALS_INVALID');
    expect(await audited('legacy-account.claim-failed', MARIO)).toBe(2);
  });

  it('accepts each legacy scheme, returns the company and its referent, and grants nothing', async () => {
    for (const username of ['azienda.BCRYPT', 'Azienda.sha1-salted', 'Azienda.md5']) {
      const ok = await claim(MARIO, username, PASSWORD);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        codiceFiscale: COMPANY_CF,
        ragioneSociale: 'AZIENDA PROVA 1 SRL',
        referente: { nome: 'Lorenzo', cognome: 'Venturi' },
      });
    }
    expect((await db.query('SELECT * FROM membership')).rows).toHaveLength(0);
    const events = await db.query(`SELECT 1 FROM outbox WHERE envelope->>'type' LIKE 'membership.%'`);
    expect(events.rows).toHaveLength(0);
  });

  it('a login claimed by one citizen cannot be claimed by another', async () => {
    const other = await claim(LUCA, 'Azienda.md5', PASSWORD);
    expect(other).toMatchObject({ status: 409, body: { code: 'LEGACY_ACCOUNT_ALREADY_CLAIMED' } });
  });

  it('limits failed attempts per citizen (and then refuses even the right password)', async () => {
    for (let i = 0; i < 5; i++) expect((await claim(PIETRO, `tentativo${i}`, 'x')).status).toBe(401);
    expect((await claim(PIETRO, 'Azienda.bcrypt', PASSWORD)).body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('limits failed attempts per username, whoever tries', async () => {
    for (let i = 0; i < 5; i++) {
      const who: Actor = { kind: 'citizen', id: cf('Bianchi', ['Aldo', 'Bruno', 'Carlo', 'Dario', 'Enzo'][i]) };
      expect((await claim(who, 'Azienda.sha1-salted', 'x')).status).toBe(401);
    }
    expect((await claim(LUCA, 'Azienda.sha1-salted', PASSWORD)).body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('is for citizens only', async () => {
    expect((await claim(OPERATOR, 'Azienda.bcrypt', PASSWORD)).status).toBe(403);
  });
});

describe("Accedi all'utenza RAA", () => {
  const claimedBy = async (username: string) =>
    (
      await db.query<{ by: string | null }>('SELECT claimed_by AS by FROM legacy_account WHERE username = $1', [
        username,
      ])
    ).rows[0].by;

  it('is refused, with nothing claimed, to another citizen who knows the password', async () => {
    const other = await claim(PAOLA, 'avv.tursi', PASSWORD, 'raa/claim');
    expect(other).toMatchObject({ status: 403, body: { code: 'LEGACY_ACCOUNT_OF_ANOTHER_PERSON' } });
    expect(other.body.message).toContain("intestata a un'altra persona");
    expect(other.body).not.toHaveProperty('pec');
    expect(await claimedBy('avv.tursi')).toBeNull();
    expect(await audited('legacy-account.claim-refused', PAOLA)).toBe(1);
  });

  it('answers a wrong password and a company login as it answers an unknown username', async () => {
    const unknown = await claim(ANTONIO, 'nessuno', PASSWORD, 'raa/claim');
    const wrong = await claim(ANTONIO, 'avv.tursi', 'sbagliata', 'raa/claim');
    const company = await claim(ANTONIO, 'Azienda.bcrypt', PASSWORD, 'raa/claim');
    for (const answer of [unknown, wrong, company]) {
      expect(answer).toMatchObject({ status: 401, body: { code: 'LEGACY_CREDENTIALS_INVALID' } });
      expect(answer.body.message).toBe(unknown.body.message);
    }
    // And an RAA login is not a company login.
    expect((await claim(ANTONIO, 'avv.tursi', PASSWORD)).status).toBe(401);
    expect(await claimedBy('avv.tursi')).toBeNull();
  });

  it('gives its own user what the legacy registration declared, marks it claimed and grants nothing', async () => {
    const ok = await claim(ANTONIO, 'AVV.Tursi', PASSWORD, 'raa/claim');
    expect(ok).toEqual({
      status: 200,
      body: {
        username: 'avv.tursi',
        codiceFiscale: ANTONIO.id,
        nome: 'Antonio',
        cognome: 'Tursi',
        dataNascita: '1985-05-05',
        luogoNascita: 'L378',
        email: 'antonio.tursi@example.it',
        pec: 'antonio.tursi@pec.example.it',
        professione: 'Avvocato',
      },
    });
    expect(await claimedBy('avv.tursi')).toBe(ANTONIO.id);
    const { rows } = await db.query<{ subject_id: string }>(
      `SELECT subject_id FROM audit_entry WHERE action = 'legacy-account.claimed' AND actor_id = $1`,
      [ANTONIO.id],
    );
    expect(rows.map((r) => r.subject_id)).toEqual(['avv.tursi']);
    expect((await db.query('SELECT * FROM membership')).rows).toHaveLength(0);
    // Claiming it again is harmless: the same answer.
    expect((await claim(ANTONIO, 'avv.tursi', PASSWORD, 'raa/claim')).status).toBe(200);
  });

  it('is for citizens only', async () => {
    expect((await claim(OPERATOR, 'avv.tursi', PASSWORD, 'raa/claim')).status).toBe(403);
  });
});
