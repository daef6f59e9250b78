/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- response bodies are
   checked by the assertions themselves (Json is any) */
// The registry through its real Nest app and HTTP, against real PostgreSQL, with the real document-store next to it
// (its own database, an S3 endpoint, a test CA it trusts): declarations are generated, signed (PAdES and CAdES) and
// inspected for real. Callers carry gateway access tokens (ES256) verified against an inline key set.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { validateEvent } from '@profila/contracts';
import { generateCodiceFiscale } from '@profila/italian';
import { AccessTokenIssuer, type Actor } from '@profila/platform';
import {
  createTestCa,
  createTestDatabase,
  freePort,
  issueSignerCertificate,
  signCades,
  signPades,
  type TestSigner,
  toPemBundle,
} from '@profila/testing';
import { S3Server } from '@profila/embedded';
import { loadRegistryEnv } from '../src/config/registry.env.js';
import { createRegistryApp } from '../src/registry.app.js';

const SERVICE_TOKEN = 'registry-int-test-service-token';

// The real document-store runs beside the registry (it generates and inspects the declarations). Loaded at run time:
// apps never import apps, and this is the one test where two services meet over HTTP.
const DOCUMENT_STORE_SRC = '../../document-store/src/';
interface DocumentStoreModules {
  createDocumentStoreApp: (env: unknown) => Promise<NestFastifyApplication>;
  loadDocumentStoreEnv: (source: NodeJS.ProcessEnv) => unknown;
}
async function loadDocumentStore(): Promise<DocumentStoreModules> {
  const app = (await import(`${DOCUMENT_STORE_SRC}document-store.app.js`)) as Pick<
    DocumentStoreModules,
    'createDocumentStoreApp'
  >;
  const env = (await import(`${DOCUMENT_STORE_SRC}config/document-store.env.js`)) as Pick<
    DocumentStoreModules,
    'loadDocumentStoreEnv'
  >;
  return { ...app, ...env };
}

const person = (cognome: string, nome: string, dataNascita: string, sesso: 'M' | 'F', codiceCatastale: string) => ({
  codiceFiscale: generateCodiceFiscale({ cognome, nome, dataNascita, sesso, codiceCatastale }),
  nome,
  cognome,
  dataNascita,
  luogoNascita: codiceCatastale,
});
const lorenzo = person('Venturi', 'Lorenzo', '1988-02-26', 'M', 'I921');
const mario = person('Rossi', 'Mario', '1990-05-10', 'M', 'H612');
const giulia = person('Bianchi', 'Giulia', '1992-07-15', 'F', 'F205');
const anna = person('Neri', 'Anna', '1975-03-03', 'F', 'L378');

const A: Actor = { kind: 'citizen', id: lorenzo.codiceFiscale };
const B: Actor = { kind: 'citizen', id: mario.codiceFiscale };
const C: Actor = { kind: 'citizen', id: giulia.codiceFiscale };

let issuer: AccessTokenIssuer;
let s3: S3Server;
let dir: string;
let docs: NestFastifyApplication;
let registry: NestFastifyApplication;
let baseUrl: string;
let db: pg.Client;
let signerA: TestSigner;
let signerB: TestSigner;

beforeAll(async () => {
  const { createDocumentStoreApp, loadDocumentStoreEnv } = await loadDocumentStore();
  ({ issuer } = await AccessTokenIssuer.generate());
  dir = await mkdtemp(join(tmpdir(), 'profila-registry-'));
  s3 = new S3Server({ port: await freePort(), directory: dir, buckets: [] });
  await s3.start();
  const ca = createTestCa();
  signerA = issueSignerCertificate(ca, { givenName: 'Lorenzo', surname: 'Venturi', codiceFiscale: A.id });
  signerB = issueSignerCertificate(ca, { givenName: 'Mario', surname: 'Rossi', codiceFiscale: B.id });
  const trustFile = join(dir, 'trust.pem');
  await writeFile(trustFile, toPemBundle([ca]));
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    EVENT_TRANSPORT: 'postgres',
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    SERVICE_TOKEN,
  };
  docs = await createDocumentStoreApp(
    loadDocumentStoreEnv({
      ...common,
      DATABASE_URL: await createTestDatabase('regdocs'),
      EVENTS_DATABASE_URL: await createTestDatabase('events'),
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY: s3.credentials.accessKey,
      S3_SECRET_KEY: s3.credentials.secretKey,
      TRUST_LIST_FILE: trustFile,
    }),
  );
  await docs.listen(0, '127.0.0.1');
  const registryDb = await createTestDatabase('registry');
  registry = await createRegistryApp(
    loadRegistryEnv({
      ...common,
      DATABASE_URL: registryDb,
      EVENTS_DATABASE_URL: await createTestDatabase('events'),
      DOCUMENT_STORE_URL: await docs.getUrl(),
    }),
  );
  await registry.listen(0, '127.0.0.1');
  baseUrl = await registry.getUrl();
  db = new pg.Client({ connectionString: registryDb });
  await db.connect();
}, 60_000);

afterAll(async () => {
  await registry?.close();
  await docs?.close();
  await db?.end();
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// helpers

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function auth(actor: Actor | null): Promise<Record<string, string>> {
  return actor ? { authorization: `Bearer ${await issuer.issue(actor)}` } : {};
}

async function call(method: string, path: string, actor: Actor | null, body?: unknown) {
  const headers = await auth(actor);
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, json: parseJson(text), response };
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function counts(): Promise<{
  organizations: number;
  units: number;
  members: number;
  events: number;
  audit: number;
}> {
  const n = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
  return {
    organizations: await n('SELECT count(*) AS n FROM organization'),
    units: await n('SELECT count(*) AS n FROM operating_unit'),
    members: await n('SELECT count(*) AS n FROM membership'),
    events: await n('SELECT count(*) AS n FROM outbox'),
    audit: await n('SELECT count(*) AS n FROM audit_entry'),
  };
}

let cfCounter = 100;
/** A fresh valid 11-digit codice fiscale (partita IVA check digit). */
function newCompanyCf(): string {
  const base = String(1000000 + cfCounter++).padStart(7, '0') + '022';
  const digits = base.split('').map(Number);
  let sum = 0;
  digits.forEach((d, i) => {
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  });
  return base + String((10 - (sum % 10)) % 10);
}

function italianCompany(overrides: Record<string, unknown> = {}) {
  return {
    codiceFiscale: newCompanyCf(),
    ragioneSociale: 'Azienda Prova Trentina Srl',
    settoreEconomico: 'C',
    provincia: 'TN',
    comune: 'L378',
    cap: '38122',
    indirizzo: 'Via del Lavoro 12',
    email: 'info@aziendaprova.it',
    pec: 'aziendaprova@pec.it',
    telefono: '0461 123456',
    tipiSoggettoAbilitato: ['datore-di-lavoro-privato'],
    ...overrides,
  };
}

async function register(body = italianCompany()): Promise<string> {
  const res = await call('POST', '/organizations/italiane', A, body);
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function declaration(actor: Actor, organizationId: string, who = lorenzo) {
  const res = await fetch(`${baseUrl}/organizations/${organizationId}/association/declaration`, {
    method: 'POST',
    headers: { ...(await auth(actor)), 'content-type': 'application/json' },
    body: JSON.stringify({
      nome: who.nome,
      cognome: who.cognome,
      dataNascita: who.dataNascita,
      luogoNascita: 'San Michele all’Adige (TN)',
    }),
  });
  return {
    status: res.status,
    requestCode: res.headers.get('x-profila-request-code') ?? '',
    bytes: new Uint8Array(await res.arrayBuffer()),
    type: res.headers.get('content-type'),
  };
}

async function associate(
  actor: Actor,
  organizationId: string,
  requestCode: string,
  file: { bytes: Uint8Array; name: string },
  dichiarazione = 'true',
) {
  const form = new FormData();
  form.append('requestCode', requestCode);
  if (dichiarazione) form.append('dichiarazione', dichiarazione);
  form.append('file', new Blob([Buffer.from(file.bytes)]), file.name);
  const res = await fetch(`${baseUrl}/organizations/${organizationId}/association`, {
    method: 'POST',
    headers: await auth(actor),
    body: form,
  });
  const json: Json = await res.json();
  return { status: res.status, json };
}

/** Registers an organisation and makes `actor` (Lorenzo by default) its amministratore with a PAdES declaration. */
async function ownedOrganization(body = italianCompany()): Promise<string> {
  const id = await register(body);
  const pdf = await declaration(A, id);
  const res = await associate(A, id, pdf.requestCode, { bytes: await signPades(pdf.bytes, signerA), name: 'd.pdf' });
  expect(res.status).toBe(201);
  return id;
}

// ---------------------------------------------------------------------------------------------------------------

describe('reference data (type-ahead from memory)', () => {
  it('answers province, current comuni with Belfiore code and CAP, and foreign states with Z-codes', async () => {
    const province = await call('GET', '/reference/province?q=tren', A);
    expect(province.json.items).toEqual([{ sigla: 'TN', nome: 'Trento' }]);
    const comuni = await call('GET', '/reference/province/TN/comuni?q=trent', A);
    expect(comuni.json.items[0]).toEqual({
      codiceBelfiore: 'L378',
      nome: 'Trento',
      provincia: 'TN',
      cap: ['38121', '38122', '38123'],
    });
    // A comune born in 2024 (merger) is there; one merged away is not.
    const pd = await call('GET', '/reference/province/PD/comuni?q=santa caterina', A);
    expect(pd.json.items.map((c: Json) => c.nome)).toContain("Santa Caterina d'Este");
    const old = await call('GET', '/reference/comuni?q=Megliadino San Fidenzio', A);
    expect(old.json.items).toEqual([]);
    const stati = await call('GET', '/reference/stati-esteri?q=germ', A);
    expect(stati.json.items[0]).toMatchObject({ codiceBelfiore: 'Z112', nome: 'Germania' });
    expect((await call('GET', '/reference/province/XX/comuni', A)).status).toBe(404);
  });
});

describe('registration', () => {
  it('refuses bad input with an Italian message per field and leaves no row, event or audit entry', async () => {
    const before = await counts();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ codiceFiscale: '00097020597' }, 'codiceFiscale', /Codice fiscale non valido/],
      [{ partitaIva: '12345678901' }, 'partitaIva', /Partita IVA non valida/],
      [{ ragioneSociale: undefined }, 'ragioneSociale', /obbligatorio/],
      [{ email: 'non-una-mail' }, 'email', /e-mail non valido/],
      [{ cap: '00184' }, 'cap', /non corrisponde al comune di Trento/],
      [{ comune: 'Z999' }, 'comune', /comune/i],
      [{ comune: 'H501' }, 'comune', /non appartiene alla provincia TN/],
      [{ comune: 'A000' }, 'comune', /inesistente/],
      [{ ragioneSociale: 'x'.repeat(201) }, 'ragioneSociale', /da 2 a 200 caratteri/],
      [{ pec: 'pec@' }, 'pec', /PEC non valido/],
    ];
    for (const [override, field, message] of cases) {
      const res = await call('POST', '/organizations/italiane', A, italianCompany(override));
      expect({ field, status: res.status, code: res.json.code }).toEqual({
        field,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.json.details.fields[field]).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('registers an Italian company once: the same codice fiscale again is 409 "codice fiscale già presente in archivio"', async () => {
    const body = italianCompany();
    const first = await call('POST', '/organizations/italiane', A, body);
    expect(first.status).toBe(201);
    const before = await counts();
    const again = await call('POST', '/organizations/italiane', B, { ...body, ragioneSociale: 'Altro nome Srl' });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('ORGANIZATION_ALREADY_REGISTERED');
    expect(again.json.details.fields.codiceFiscale).toBe('codice fiscale già presente in archivio');
    expect(again.json.details.organizationId).toBe(first.json.id);
    expect(await counts()).toEqual(before);
    // Concurrent registrations of one new CF: exactly one wins.
    const racing = italianCompany();
    const results = await Promise.all([1, 2, 3].map(() => call('POST', '/organizations/italiane', A, racing)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('registers foreign companies (unique per state and code), enti operatori and PAs', async () => {
    const foreign = {
      codiceIdentificativo: 'de 123456789',
      ragioneSociale: 'Muster GmbH',
      statoEstero: 'Z112',
      citta: 'München',
      indirizzo: 'Marienplatz 1',
      email: 'info@muster.de',
    };
    expect((await call('POST', '/organizations/estere', A, foreign)).status).toBe(201);
    expect((await call('POST', '/organizations/estere', A, foreign)).json.code).toBe('ORGANIZATION_ALREADY_REGISTERED');
    expect((await call('POST', '/organizations/estere', A, { ...foreign, statoEstero: 'Z110' })).status).toBe(201);
    expect(
      (await call('POST', '/organizations/estere', A, { ...foreign, statoEstero: 'Z998' })).json.details.fields,
    ).toEqual({
      statoEstero: 'Stato estero inesistente',
    });
    const ente = await call('POST', '/organizations/enti', A, {
      codiceFiscale: newCompanyCf(),
      ragioneSociale: 'Agenzia del Lavoro di Trento',
      tipoEnte: 'agenzia-per-il-lavoro',
      provincia: 'TN',
      comune: 'L378',
      indirizzo: 'Via Guardini 75',
      email: 'adl@provincia.tn.it',
    });
    expect(ente.status).toBe(201);
    const pa = await call('POST', '/organizations/pubbliche-amministrazioni', A, {
      codiceFiscale: newCompanyCf(),
      ragioneSociale: 'Comune di Rovereto',
      provincia: 'TN',
      comune: 'H612',
      cap: '38068',
      indirizzo: 'Piazza del Podestà 11',
      email: 'protocollo@comune.rovereto.tn.it',
    });
    expect(pa.status).toBe(201);
  });
});

describe('search (Associa profilo)', () => {
  it('finds by at least 3 characters of the ragione sociale or by CF, with only ragione sociale, CF and comune', async () => {
    const cf = newCompanyCf();
    const id = await register(italianCompany({ codiceFiscale: cf, ragioneSociale: 'Zebrù Costruzioni Spa' }));
    const byName = await call('GET', '/organizations/search?q=zebr', B);
    expect(byName.status).toBe(200);
    expect(byName.json.items).toEqual([
      { id, kind: 'azienda-italiana', ragioneSociale: 'Zebrù Costruzioni Spa', codiceFiscale: cf, comune: 'Trento' },
    ]);
    const bySubstring = await call('GET', '/organizations/search?q=costruzioni spa', B);
    expect(bySubstring.json.items.map((h: Json) => h.id)).toContain(id);
    const byCf = await call('GET', `/organizations/search?q=${cf}`, B);
    expect(byCf.json.items.map((h: Json) => h.id)).toEqual([id]);
    const foreignOnly = await call('GET', '/organizations/search?q=zebr&tipo=estere', B);
    expect(foreignOnly.json.items).toEqual([]);
    const tooShort = await call('GET', '/organizations/search?q=ze', B);
    expect(tooShort.status).toBe(400);
    expect(tooShort.json.details.fields.q).toMatch(/almeno 3 caratteri/);
    expect((await call('GET', '/organizations/search?q=zebr', null)).status).toBe(401);
  });
});

describe('association by signed declaration', () => {
  it('refuses unsigned, unconfirmed and someone else’s signature, then accepts the citizen’s PAdES signature', async () => {
    const id = await register();
    const pdf = await declaration(A, id);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.requestCode).toMatch(/^ASS-/);
    const before = await counts();

    const unsigned = await associate(A, id, pdf.requestCode, { bytes: pdf.bytes, name: 'd.pdf' });
    expect(unsigned.status).toBe(422);
    expect(unsigned.json.code).toBe('SIGNATURE_REFUSED');
    expect(unsigned.json.details.problems.map((p: Json) => p.code)).toContain('NOT_SIGNED');

    const unticked = await associate(
      A,
      id,
      pdf.requestCode,
      { bytes: await signPades(pdf.bytes, signerA), name: 'd.pdf' },
      '',
    );
    expect(unticked.status).toBe(400);
    expect(unticked.json.details.fields.dichiarazione).toMatch(/firma digitale/);

    const stranger = await associate(A, id, pdf.requestCode, {
      bytes: await signPades(pdf.bytes, signerB),
      name: 'd.pdf',
    });
    expect(stranger.status).toBe(422);
    expect(stranger.json.details.problems.map((p: Json) => p.code)).toContain('SIGNER_NOT_CITIZEN');

    const notMine = await associate(B, id, pdf.requestCode, {
      bytes: await signPades(pdf.bytes, signerB),
      name: 'd.pdf',
    });
    expect(notMine.status).toBe(404);
    expect(notMine.json.code).toBe('REQUEST_NOT_FOUND');
    expect(await counts()).toEqual(before);

    const ok = await associate(A, id, pdf.requestCode, { bytes: await signPades(pdf.bytes, signerA), name: 'd.pdf' });
    expect(ok.status).toBe(201);
    expect(ok.json.message).toBe('Associazione effettuata correttamente');
    const profiles = await call('GET', '/me/organizations', A);
    expect(profiles.json.items).toContainEqual(
      expect.objectContaining({
        organizationId: id,
        tipoProfilo: 'Azienda italiana',
        tipiSoggettoAbilitato: ['Datore di lavoro privato'],
        ruolo: 'amministratore',
        roles: ['COB', 'SARE', 'IDO', 'RAA', 'ANAGRAFICA'],
      }),
    );
    // Already held: "Azienda già assegnata", from Passo 1 on.
    const late = await declaration(B, id, mario);
    expect(late.status).toBe(409);
    expect(JSON.parse(Buffer.from(late.bytes).toString())).toMatchObject({
      code: 'ORGANIZATION_ALREADY_ASSIGNED',
      message: 'Azienda già assegnata',
    });
  });

  it('two citizens associating the same organisation at the same moment: one wins, the other gets "Azienda già assegnata"', async () => {
    const id = await register();
    const [pdfA, pdfB] = await Promise.all([declaration(A, id), declaration(B, id, mario)]);
    const [signedA, signedB] = await Promise.all([signCades(pdfA.bytes, signerA), signCades(pdfB.bytes, signerB)]);
    const results = await Promise.all([
      associate(A, id, pdfA.requestCode, { bytes: signedA, name: 'd.pdf.p7m' }),
      associate(B, id, pdfB.requestCode, { bytes: signedB, name: 'd.pdf.p7m' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.json.message).toBe('Azienda già assegnata');
    const admins = await db.query(
      `SELECT count(*) AS n FROM membership WHERE organization_id = $1 AND kind = 'amministratore' AND revoked_at IS NULL`,
      [id],
    );
    expect(Number(admins.rows[0].n)).toBe(1);
  });

  it('revoking keeps the organisation, free to be associated again', async () => {
    const id = await ownedOrganization();
    expect((await call('DELETE', `/organizations/${id}/association`, A)).status).toBe(200);
    expect((await call('GET', '/me/organizations', A)).json.items.map((p: Json) => p.organizationId)).not.toContain(id);
    expect((await call('GET', `/organizations/${id}`, A)).status).toBe(404);
    const pdf = await declaration(B, id, mario);
    const res = await associate(B, id, pdf.requestCode, { bytes: await signPades(pdf.bytes, signerB), name: 'd.pdf' });
    expect(res.status).toBe(201);
  });
});

describe('acting for the organisation', () => {
  let orgId: string;
  let unitId: string;
  let memberId: string;

  beforeAll(async () => {
    orgId = await ownedOrganization();
  });

  it('locks units and organigram until the rappresentante legale (checked against the CF) is saved', async () => {
    const unit = {
      descrizione: 'Sede di Rovereto',
      comune: 'H612',
      cap: '38068',
      indirizzo: 'Via Roma 1',
      validaDal: '2025-01-01',
    };
    const locked = await call('POST', `/organizations/${orgId}/units`, A, unit);
    expect(locked.status).toBe(409);
    expect(locked.json.code).toBe('LEGAL_REPRESENTATIVE_REQUIRED');
    const before = await counts();
    const wrongDate = await call('PUT', `/organizations/${orgId}/legal-representative`, A, {
      ...anna,
      dataNascita: '1975-03-04',
    });
    expect(wrongDate.status).toBe(400);
    expect(wrongDate.json.details.fields).toEqual({
      dataNascita: 'La data di nascita non corrisponde al codice fiscale',
    });
    const wrongPlace = await call('PUT', `/organizations/${orgId}/legal-representative`, A, {
      ...anna,
      luogoNascita: 'H612',
    });
    expect(wrongPlace.json.details.fields.luogoNascita).toMatch(/non corrisponde/);
    expect(await counts()).toEqual(before);
    const saved = await call('PUT', `/organizations/${orgId}/legal-representative`, A, anna);
    expect(saved.status).toBe(200);
    expect(saved.json.sezioniSbloccate).toBe(true);
    expect(saved.json.rappresentanteLegale.luogoNascita).toEqual({
      codiceBelfiore: 'L378',
      nome: 'Trento',
      provincia: 'TN',
    });

    const wrongCap = await call('POST', `/organizations/${orgId}/units`, A, { ...unit, cap: '38122' });
    expect(wrongCap.json.details.fields.cap).toBe('Il CAP 38122 non corrisponde al comune di Rovereto');
    const territory = await call('POST', `/organizations/${orgId}/units`, A, { ...unit, provinceServite: ['TN'] });
    expect(territory.json.details.fields.comuniServiti).toMatch(/Solo gli enti/);
    const created = await call('POST', `/organizations/${orgId}/units`, A, unit);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ comuneNome: 'Rovereto', provincia: 'TN', validaAl: null });
    unitId = created.json.id;
    const edited = await call('PUT', `/organizations/${orgId}/units/${unitId}`, A, { ...unit, validaAl: '2100-12-31' });
    expect(edited.json.validaAl).toBe('2100-12-31');
  });

  it('adds a collaborator by CF with a role scoped to a unit; they see the organisation but may not change it', async () => {
    const wrong = await call('POST', `/organizations/${orgId}/members`, A, {
      ...giulia,
      dataNascita: '1992-07-16',
      ruoli: ['COB'],
      ambito: 'unita',
      unitaIds: [unitId],
    });
    expect(wrong.json.details.fields.dataNascita).toMatch(/non corrisponde/);
    const noUnits = await call('POST', `/organizations/${orgId}/members`, A, {
      ...giulia,
      ruoli: ['COB'],
      ambito: 'unita',
    });
    expect(noUnits.json.details.fields.unitaIds).toMatch(/almeno una unità/);
    const badRole = await call('POST', `/organizations/${orgId}/members`, A, {
      ...giulia,
      ruoli: ['CAPO'],
      ambito: 'organizzazione',
    });
    expect(badRole.json.details.fields.ruoli).toMatch(/Ruolo non previsto/);
    const added = await call('POST', `/organizations/${orgId}/members`, A, {
      ...giulia,
      ruoli: ['COB'],
      ambito: 'unita',
      unitaIds: [unitId],
    });
    expect(added.status).toBe(201);
    memberId = added.json.id;
    expect(added.json).toMatchObject({ tipo: 'collaboratore', ruoli: ['COB'], ambito: 'unita', unitaIds: [unitId] });
    expect((await call('GET', '/me/organizations', C)).json.items).toEqual([
      expect.objectContaining({ organizationId: orgId, ruolo: 'collaboratore', roles: ['COB'] }),
    ]);
    expect((await call('GET', `/organizations/${orgId}`, C)).json.modificabile).toBe(false);
    expect((await call('PUT', `/organizations/${orgId}`, C, { telefono: '0461 000000' })).status).toBe(403);
    expect((await call('GET', `/organizations/${orgId}/members`, C)).status).toBe(200);

    // ANAGRAFICA on the unit: may edit that unit, not the organisation's data.
    const granted = await call('PUT', `/organizations/${orgId}/members/${memberId}`, A, {
      ruoli: ['COB', 'ANAGRAFICA'],
      ambito: 'unita',
      unitaIds: [unitId],
    });
    expect(granted.status).toBe(200);
    const unitEdit = await call('PUT', `/organizations/${orgId}/units/${unitId}`, C, {
      descrizione: 'Sede di Rovereto (CPI)',
      comune: 'H612',
      indirizzo: 'Via Roma 1',
      validaDal: '2025-01-01',
    });
    expect(unitEdit.status).toBe(200);
    expect((await call('PUT', `/organizations/${orgId}`, C, { telefono: '0461 000000' })).status).toBe(403);
  });

  it('Storico shows every change: who, acting for whom, when, what', async () => {
    const updated = await call('PUT', `/organizations/${orgId}`, A, {
      telefono: '0461 999999',
      comune: 'H612',
      cap: '38068',
    });
    expect(updated.status).toBe(200);
    expect(updated.json.comune).toEqual({ codiceBelfiore: 'H612', nome: 'Rovereto', provincia: 'TN' });
    const history = await call('GET', `/organizations/${orgId}/history`, A);
    const actions = history.json.items.map((e: Json) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'organization.registered',
        'organization.association-requested',
        'organization.associated',
        'organization.legal-representative-saved',
        'unit.created',
        'unit.updated',
        'membership.granted',
        'membership.changed',
        'organization.updated',
      ]),
    );
    const last = history.json.items.at(-1);
    expect(last).toMatchObject({ action: 'organization.updated', actorKind: 'citizen', actorId: A.id });
    expect(last.data.changes.telefono).toEqual({ da: '0461 123456', a: '0461 999999' });
  });

  it('citizen B gets 404 on every organisation endpoint of A’s organisation', async () => {
    const unit = { descrizione: 'X sede', comune: 'L378', indirizzo: 'Via X 1', validaDal: '2025-01-01' };
    const member = { ...mario, ruoli: ['COB'], ambito: 'organizzazione' };
    const endpoints: Array<[string, string, unknown?]> = [
      ['GET', `/organizations/${orgId}`],
      ['PUT', `/organizations/${orgId}`, { telefono: '0461 111111' }],
      ['PUT', `/organizations/${orgId}/legal-representative`, mario],
      ['GET', `/organizations/${orgId}/history`],
      ['GET', `/organizations/${orgId}/units`],
      ['POST', `/organizations/${orgId}/units`, unit],
      ['PUT', `/organizations/${orgId}/units/${unitId}`, unit],
      ['DELETE', `/organizations/${orgId}/units/${unitId}`],
      ['GET', `/organizations/${orgId}/members`],
      ['POST', `/organizations/${orgId}/members`, member],
      ['PUT', `/organizations/${orgId}/members/${memberId}`, { ruoli: ['COB'], ambito: 'organizzazione' }],
      ['DELETE', `/organizations/${orgId}/members/${memberId}`],
      ['DELETE', `/organizations/${orgId}/association`],
    ];
    const before = await counts();
    for (const [method, path, body] of endpoints) {
      const res = await call(method, path, B, body);
      expect({ method, path, status: res.status, code: res.json?.code }).toEqual({
        method,
        path,
        status: 404,
        code: 'NOT_FOUND',
      });
      // A citizen acting for another organisation is a stranger too.
      const actingElsewhere = await call(
        method,
        path,
        { ...A, actingFor: '00000000-0000-4000-8000-000000000000' },
        body,
      );
      expect({ method, path, status: actingElsewhere.status }).toEqual({ method, path, status: 404 });
    }
    expect(await counts()).toEqual(before);
  });

  it('removes a collaborator and a unit', async () => {
    expect((await call('DELETE', `/organizations/${orgId}/members/${memberId}`, A)).status).toBe(200);
    expect((await call('GET', '/me/organizations', C)).json.items).toEqual([]);
    expect((await call('DELETE', `/organizations/${orgId}/units/${unitId}`, A)).status).toBe(200);
    expect((await call('GET', `/organizations/${orgId}/units`, A)).json.items).toEqual([]);
  });
});

describe('events', () => {
  it('every registry event in the outbox is keyed by the organisation and validates against its JSON Schema', async () => {
    const { rows } = await db.query<{ topic: string; key: string; envelope: Json }>(
      'SELECT topic, key, envelope FROM outbox ORDER BY seq',
    );
    const types = new Set<string>();
    for (const row of rows) {
      const event = validateEvent(row.envelope);
      types.add(event.type);
      expect(row.key).toBe(event.aggregateId);
      const data = event.data as Json;
      expect(data.organizationId).toBe(event.aggregateId);
    }
    expect([...types].sort()).toEqual(
      [
        'membership.changed',
        'membership.granted',
        'membership.revoked',
        'organization.associated',
        'organization.association-revoked',
        'organization.registered',
        'organization.updated',
        'unit.created',
        'unit.deleted',
        'unit.updated',
      ].sort(),
    );
    expect(new Set(rows.map((r) => r.topic))).toEqual(
      new Set(['registry.organization.v1', 'registry.unit.v1', 'registry.membership.v1']),
    );
    const registered = rows.find((r) => r.envelope.type === 'organization.registered')!.envelope.data;
    expect(registered.sedeLegale.comune).toEqual({ codiceBelfiore: 'L378', nome: 'Trento', provincia: 'TN' });
  });
});
