/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are checked by the assertions themselves (Json is any) */
// admin-verification through its real Nest app and HTTP, with the real registry (organisations, operators, the
// grants its handler makes on approval) and the real document-store (uploads confirmed by admin-verification's
// document-links API) beside it, each on its own PostgreSQL database, one shared event log (postgres transport).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { generateCodiceFiscale } from '@profila/italian';
import { AccessTokenIssuer, type Actor, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { createTestDatabase, freePort } from '@profila/testing';
import { createAdminVerificationApp } from '../src/admin-verification.app.js';
import { loadAdminVerificationEnv } from '../src/config/admin-verification.env.js';
import { SlaSweeper } from '../src/requests/sla-sweeper.js';
import { StaleDraftsCleaner } from '../src/requests/stale-drafts.js';
import { type Neighbours, startNeighbours } from '../../../test/support/neighbour-services.js';

const SERVICE_TOKEN = 'admin-verification-int-test-token';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const person = (cognome: string, nome: string, dataNascita: string, sesso: 'M' | 'F', luogo: string) => ({
  codiceFiscale: generateCodiceFiscale({ cognome, nome, dataNascita, sesso, codiceCatastale: luogo }),
  nome,
  cognome,
  dataNascita,
  luogoNascita: luogo,
});
const lorenzo = person('Venturi', 'Lorenzo', '1988-02-26', 'M', 'I921');
const responsabile = person('Conti', 'Sara', '1979-04-12', 'F', 'L378');
const avvocato = person('Tursi', 'Antonio', '1970-10-01', 'M', 'C933');

const SUPER: Actor = { kind: 'citizen', id: 'SPSLCU75C22F839B' }; // Luca Esposito, configured at deployment
const OP_TN: Actor = { kind: 'citizen', id: 'RMNFNC88S45L219F' }; // Francesca Romano, CPI Trento
const OP_MI: Actor = { kind: 'citizen', id: 'BNCGLI92L55F205A' }; // Giulia Bianchi, CPI Milano
const APPLICANT: Actor = { kind: 'citizen', id: 'RSSMRA80A01H501U' }; // Mario Rossi, for the company
const LORENZO: Actor = { kind: 'citizen', id: lorenzo.codiceFiscale };
const AVVOCATO: Actor = { kind: 'citizen', id: avvocato.codiceFiscale };
const NOBODY: Actor = { kind: 'citizen', id: 'FRRLSN69P30A944J' };

let issuer: AccessTokenIssuer;
let neighbours: Neighbours;
let av: NestFastifyApplication;
let avUrl: string;
let registryUrl: string;
let docsUrl: string;
let avDb: pg.Client;
let registryDb: pg.Client;

beforeAll(async () => {
  ({ issuer } = await AccessTokenIssuer.generate());
  const events = await createTestDatabase('events');
  const avPort = await freePort();
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    EVENT_TRANSPORT: 'postgres',
    EVENTS_DATABASE_URL: events,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    SERVICE_TOKEN,
  };
  neighbours = await startNeighbours({
    name: 'av',
    common,
    documentStore: { ADMIN_VERIFICATION_URL: `http://127.0.0.1:${avPort}` },
    registryConsumesEvents: true,
  });
  ({ docsUrl, registryUrl } = neighbours);
  const { registryDbUrl } = neighbours;
  const avDbUrl = await createTestDatabase('adminverification');
  av = await createAdminVerificationApp(
    loadAdminVerificationEnv({
      ...common,
      DATABASE_URL: avDbUrl,
      REGISTRY_URL: registryUrl,
      DOCUMENT_STORE_URL: docsUrl,
      SUPER_OPERATORS: SUPER.id,
      LATE_AFTER_DAYS: '3',
      INTEGRATION_DAYS: '10',
    }),
  );
  await av.listen(avPort, '127.0.0.1');
  avUrl = await av.getUrl();
  avDb = new pg.Client({ connectionString: avDbUrl });
  await avDb.connect();
  registryDb = new pg.Client({ connectionString: registryDbUrl });
  await registryDb.connect();
  await setUpTerritories();
}, 90_000);

afterAll(async () => {
  await av?.close();
  await avDb?.end();
  await registryDb?.end();
  await neighbours?.stop();
});

// ---------------------------------------------------------------------------------------------------------------

async function headers(actor: Actor | 'service'): Promise<Record<string, string>> {
  if (actor === 'service') return { [SERVICE_TOKEN_HEADER]: SERVICE_TOKEN, 'x-profila-service': 'test' };
  return { authorization: `Bearer ${await issuer.issue(actor)}` };
}

async function call(base: string, method: string, path: string, actor: Actor | 'service', body?: unknown) {
  const h = await headers(actor);
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers: h,
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
const api = (method: string, path: string, actor: Actor | 'service', body?: unknown) =>
  call(avUrl, method, path, actor, body);

function pdf(label: string): Uint8Array {
  const head = Buffer.from(`%PDF-1.7\n% ${label}\n`, 'latin1');
  return new Uint8Array(Buffer.concat([head, Buffer.alloc(1024, 0x20), Buffer.from('%%EOF\n', 'latin1')]));
}

async function upload(actor: Actor, kind: string, entityId: string, label: string) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('entityType', 'admin-verification-request');
  form.append('entityId', entityId);
  form.append('file', new Blob([Buffer.from(pdf(label))], { type: 'application/pdf' }), `${label}.pdf`);
  const res = await fetch(`${docsUrl}/documents`, { method: 'POST', headers: await headers(actor), body: form });
  return { status: res.status, json: await res.json() };
}

async function uploadAll(actor: Actor, request: Json) {
  for (const slot of request.documents) {
    const res = await upload(actor, slot.kind, slot.entityId, slot.label.replace(/\W+/g, '-'));
    expect(res.status).toBe(201);
  }
}

let companyId: string;
let companyCf: string;
const units: Record<string, string> = {};

async function registerEnte(cf: string, ragioneSociale: string, provincia: string, comune: string) {
  const res = await call(registryUrl, 'POST', '/organizations/enti', 'service', {
    codiceFiscale: cf,
    ragioneSociale,
    tipoEnte: 'provincia',
    provincia,
    comune,
    indirizzo: 'Piazza Dante 15',
    email: 'lavoro@example.org',
  });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

/** Two Province with a CPI each (units created in the registry's database: unit management is tested there). */
async function setUpTerritories() {
  const tn = await registerEnte('00337460224', 'Provincia Autonoma di Trento', 'TN', 'L378');
  const mi = await registerEnte('80050050154', 'Regione Lombardia', 'MI', 'F205');
  for (const [key, org, descrizione, comune, province] of [
    ['tn', tn, 'CPI di Trento', 'L378', ['TN']],
    ['mi', mi, 'CPI di Milano', 'F205', ['MI']],
  ] as const) {
    const { rows } = await registryDb.query<{ id: string }>(
      `INSERT INTO operating_unit (id, organization_id, descrizione, comune, indirizzo, valid_from, comuni_serviti,
                                   province_servite, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 'Via Maestra 1', '2020-01-01', '{}', $4, now(), now()) RETURNING id`,
      [org, descrizione, comune, province],
    );
    units[key] = rows[0].id;
  }
  // The super-operator configured at deployment assigns the operators to their CPI.
  for (const [actor, org, unit, nome, cognome] of [
    [OP_TN, tn, units.tn, 'Francesca', 'Romano'],
    [OP_MI, mi, units.mi, 'Giulia', 'Bianchi'],
  ] as const) {
    const res = await api('PUT', `/operator/operators/${actor.id}/organizations/${org}`, SUPER, {
      nome,
      cognome,
      unitIds: [unit],
    });
    expect(res.status).toBe(200);
    expect(res.json.units.map((u: Json) => u.unitId)).toEqual([unit]);
  }
  companyCf = '00097020598';
  const company = await call(registryUrl, 'POST', '/organizations/italiane', 'service', {
    codiceFiscale: companyCf,
    ragioneSociale: 'AZIENDA PROVA 1 SRL',
    settoreEconomico: 'C',
    provincia: 'TN',
    comune: 'L378',
    cap: '38122',
    indirizzo: 'Via del Lavoro 12',
    email: 'info@aziendaprova.it',
    tipiSoggettoAbilitato: ['datore-di-lavoro-privato'],
  });
  expect(company.status).toBe(201);
  companyId = company.json.id;
}

const nomination = (overrides: Record<string, unknown> = {}) => ({
  organizationId: companyId,
  ...lorenzo,
  email: 'lorenzo.venturi@example.org',
  emailConferma: 'lorenzo.venturi@example.org',
  ...overrides,
});

async function count(sql: string): Promise<number> {
  return Number((await avDb.query<{ n: string }>(sql)).rows[0].n);
}

async function outboxTypes(requestId: string): Promise<string[]> {
  const { rows } = await avDb.query<{ type: string }>(
    `SELECT envelope->>'type' AS type FROM outbox WHERE key = $1 ORDER BY seq`,
    [requestId],
  );
  return rows.map((r) => r.type);
}

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe('nomination of an Amministratore (Trentino flow)', () => {
  let requestId: string;

  it('refuses bad input with field messages and stores nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM verification_request');
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ emailConferma: 'altro@example.org' }, 'emailConferma', /diverso/],
      [{ dataNascita: '1988-02-27' }, 'dataNascita', /non corrisponde al codice fiscale/],
      [{ luogoNascita: 'H501' }, 'luogoNascita', /non corrisponde/],
      [{ cognome: 'Rossi' }, 'cognome', /non corrisponde/],
      [{ codiceFiscale: 'VNTLNZ88B26I921X' }, 'codiceFiscale', /Codice fiscale non valido/],
      [{ email: 'non-una-mail' }, 'email', /e-mail non valido/],
      [{ nome: '' }, 'nome', /obbligatorio/],
    ];
    for (const [override, field, message] of cases) {
      const res = await api('POST', '/requests/amministratore', APPLICANT, nomination(override));
      expect({ field, status: res.status, code: res.json.code }).toEqual({
        field,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.json.details.fields[field]).toMatch(message);
    }
    expect(await count('SELECT count(*) AS n FROM verification_request')).toBe(before);
  });

  it('saves a draft, refuses to send it without the documents, sends it once they are uploaded', async () => {
    const draft = await api('POST', '/requests/amministratore', APPLICANT, nomination());
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ state: 'draft', stateLabel: 'Bozza', editable: true });
    expect(draft.json.documents.map((d: Json) => d.label)).toEqual([
      'Delega',
      'Doc Riconoscimento',
      'Doc Riconoscimento Rappr. Legale',
    ]);
    requestId = draft.json.id;
    const early = await api('POST', `/requests/${requestId}/submit`, APPLICANT);
    expect(early.status).toBe(400);
    expect(Object.values(early.json.details.fields)).toEqual([
      'Caricare il file: Delega',
      'Caricare il file: Doc Riconoscimento',
      'Caricare il file: Doc Riconoscimento Rappr. Legale',
    ]);
    // Nobody else may attach files to the request: document-store asks admin-verification.
    const stranger = await upload(NOBODY, 'delega-document', requestId, 'intruso');
    expect(stranger.status).toBe(403);
    await uploadAll(APPLICANT, draft.json);
    const sent = await api('POST', `/requests/${requestId}/submit`, APPLICANT);
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ state: 'pending', stateLabel: 'In attesa di abilitazione', editable: true });
    expect(sent.json.documents.every((d: Json) => d.documentId)).toBe(true);
    expect(sent.json.history.map((s: Json) => s.label)).toEqual(['Richiesta inviata']);
    expect(await outboxTypes(requestId)).toEqual(['verification-request.submitted']);
    // editable while no operator took it
    const edited = await api(
      'PUT',
      `/requests/${requestId}/amministratore`,
      APPLICANT,
      nomination({ email: 'l.venturi@example.org', emailConferma: 'l.venturi@example.org' }),
    );
    expect(edited.status).toBe(200);
    expect(edited.json.person.email).toBe('l.venturi@example.org');
    // a second nomination for the same company while one is open
    const second = await api('POST', '/requests/amministratore', APPLICANT, nomination());
    const secondSent = await api('POST', `/requests/${second.json.id}/submit`, APPLICANT);
    expect(secondSent.status).toBe(400); // no documents yet: refused before the uniqueness even matters
  });

  it('an operator of another territory does not see it: 404 on every endpoint; a citizen who is no operator: 403', async () => {
    const queue = await api('GET', '/operator/requests', OP_MI);
    expect(queue.status).toBe(200);
    expect(queue.json.items.map((r: Json) => r.id)).not.toContain(requestId);
    const docId = (await api('GET', `/requests/${requestId}`, APPLICANT)).json.documents[0].documentId;
    const attempts = [
      ['GET', `/operator/requests/${requestId}`, undefined],
      ['POST', `/operator/requests/${requestId}/take`, undefined],
      ['POST', `/operator/requests/${requestId}/approve`, undefined],
      ['POST', `/operator/requests/${requestId}/reject`, { reason: 'No' }],
      ['POST', `/operator/requests/${requestId}/integration`, { missing: 'Tutto' }],
      ['POST', `/operator/requests/${requestId}/documents/${docId}/link`, undefined],
      ['GET', `/operator/requests/${requestId}/documents/${docId}/signature`, undefined],
      [
        'PUT',
        `/operator/requests/${requestId}/public-administration`,
        { denominazione: 'X', comune: 'L378', provincia: 'TN', indirizzo: 'x', email: 'a@b.it' },
      ],
    ] as const;
    for (const [method, path, body] of attempts) {
      const res = await api(method, path, OP_MI, body);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      const nobody = await api(method, path, NOBODY, body);
      expect({ path, status: nobody.status, code: nobody.json.code }).toEqual({
        path,
        status: 403,
        code: 'NOT_AN_OPERATOR',
      });
    }
    // the applicant's own endpoints are theirs alone
    expect((await api('GET', `/requests/${requestId}`, OP_MI)).status).toBe(404);
    // only super-operators manage operators
    expect((await api('GET', '/operator/operators', OP_TN)).json.code).toBe('NOT_A_SUPER_OPERATOR');
    expect((await api('GET', `/operator/requests/${requestId}`, OP_MI)).json.code).toBe('NOT_FOUND');
  });

  it('the right operator sees it with documents, asks for integration; the applicant updates and resubmits', async () => {
    const queue = await api('GET', '/operator/requests?kind=amministratore', OP_TN);
    expect(queue.json.items.map((r: Json) => r.id)).toContain(requestId);
    const detail = await api('GET', `/operator/requests/${requestId}`, OP_TN);
    expect(detail.json.organization).toMatchObject({ codiceFiscale: companyCf, ragioneSociale: 'AZIENDA PROVA 1 SRL' });
    const link = await api(
      'POST',
      `/operator/requests/${requestId}/documents/${detail.json.documents[0].documentId}/link`,
      OP_TN,
    );
    expect(link.status).toBe(200);
    expect(link.json.url).toMatch(/^\/api\/document-store\/documents\/download\//);
    const bytes = await fetch(`${docsUrl}${link.json.url.replace('/api/document-store', '')}`);
    expect(bytes.status).toBe(200);
    expect((await bytes.text()).startsWith('%PDF')).toBe(true);
    // document-store's check of the stored file: this one carries no signature; a document of another request is 404
    const signature = await api(
      'GET',
      `/operator/requests/${requestId}/documents/${detail.json.documents[0].documentId}/signature`,
      OP_TN,
    );
    expect(signature.status).toBe(200);
    expect(signature.json).toMatchObject({ signed: false, intact: false, signers: [], problems: [] });
    const foreign = await api(
      'GET',
      `/operator/requests/${requestId}/documents/6f1c2a4e-1d7b-4b8e-9a51-3c2f0d9e8a10/signature`,
      OP_TN,
    );
    expect(foreign.status).toBe(404);

    const noReason = await api('POST', `/operator/requests/${requestId}/integration`, OP_TN, { missing: '  ' });
    expect(noReason.status).toBe(400);
    const asked = await api('POST', `/operator/requests/${requestId}/integration`, OP_TN, {
      missing: 'La delega non è firmata dal legale rappresentante',
    });
    expect(asked.status).toBe(200);
    expect(asked.json).toMatchObject({ state: 'integration-requested', stateLabel: 'Da integrare' });
    expect(asked.json.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(asked.json.history.map((s: Json) => [s.label, s.by, s.note])).toEqual([
      ['Richiesta inviata', APPLICANT.id, null],
      ['Dati modificati dal richiedente', APPLICANT.id, null],
      ['Presa in carico', OP_TN.id, null],
      ['Da integrare', OP_TN.id, 'La delega non è firmata dal legale rappresentante'],
    ]);
    // a new delega replaces the old one, then the applicant resubmits
    expect((await upload(APPLICANT, 'delega-document', requestId, 'delega-firmata')).status).toBe(201);
    const back = await api('POST', `/requests/${requestId}/resubmit`, APPLICANT);
    expect(back.json).toMatchObject({ state: 'resubmitted' });
    const queue2 = await api('GET', '/operator/requests?state=resubmitted', OP_TN);
    expect(queue2.json.items.map((r: Json) => r.id)).toContain(requestId);
  });

  it('taken, it is no longer editable; approved, the registry makes the nominee amministratore', async () => {
    expect((await api('POST', `/operator/requests/${requestId}/take`, OP_TN)).json.state).toBe('taken');
    const edit = await api('PUT', `/requests/${requestId}/amministratore`, APPLICANT, nomination());
    expect({ status: edit.status, code: edit.json.code }).toEqual({ status: 409, code: 'REQUEST_NOT_EDITABLE' });
    expect((await upload(APPLICANT, 'delega-document', requestId, 'tardiva')).status).toBe(403);
    const approved = await api('POST', `/operator/requests/${requestId}/approve`, OP_TN);
    expect(approved.json).toMatchObject({ state: 'approved', stateLabel: 'Abilitato' });
    expect(await outboxTypes(requestId)).toEqual([
      'verification-request.submitted',
      'verification-request.updated',
      'verification-request.integration-requested',
      'verification-request.resubmitted',
      'verification-request.taken',
      'verification-request.approved',
    ]);
    const audit = await avDb.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM audit_entry WHERE subject_id = $1 AND action = 'verification-request.approved'`,
      [requestId],
    );
    expect(audit.rows).toEqual([{ action: 'verification-request.approved', actor_id: OP_TN.id }]);
    // The new Amministratore acts for the company at once (registry's own access check).
    const org = await eventually(
      () => call(registryUrl, 'GET', `/organizations/${companyId}`, LORENZO),
      (r) => r.status === 200,
    );
    expect(org.status).toBe(200);
    const members = await registryDb.query<{ kind: string; roles: string[] }>(
      `SELECT kind, roles FROM membership WHERE organization_id = $1 AND codice_fiscale = $2 AND revoked_at IS NULL`,
      [companyId, lorenzo.codiceFiscale],
    );
    expect(members.rows).toEqual([{ kind: 'amministratore', roles: ['COB', 'SARE', 'IDO', 'RAA', 'ANAGRAFICA'] }]);
    // no decision twice
    expect((await api('POST', `/operator/requests/${requestId}/reject`, OP_TN, { reason: 'x' })).json.code).toBe(
      'TRANSITION_NOT_ALLOWED',
    );
  });
});

describe('Responsabile unico of a PA (Lavoro Pubblico flow)', () => {
  const form = (pa: string, who = responsabile) => ({
    paCodiceFiscale: pa,
    codiceFiscale: who.codiceFiscale,
    cognome: who.cognome,
    nome: who.nome,
    email: 'sara.conti@example.org',
    pec: 'sara.conti@pec.example.org',
  });

  it('a PA not in the registry is found in IPA; the operator adds it, then approves; one PA per person', async () => {
    const draft = await api('POST', '/requests/responsabile-unico', APPLICANT, form('00355870221'));
    expect(draft.status).toBe(201);
    expect(draft.json.organization).toMatchObject({ organizationId: null, ragioneSociale: 'Comune di Trento' });
    expect(draft.json.territory).toEqual({ comune: 'L378', provincia: 'TN' });
    await uploadAll(APPLICANT, draft.json);
    expect((await api('POST', `/requests/${draft.json.id}/submit`, APPLICANT)).json.state).toBe('pending');
    const detail = await api('GET', `/operator/requests/${draft.json.id}`, OP_TN);
    expect(detail.json.ipa).toMatchObject({ denominazione: 'Comune di Trento', codiceIpa: 'c_l378' });
    const tooEarly = await api('POST', `/operator/requests/${draft.json.id}/approve`, OP_TN);
    expect(tooEarly.json.code).toBe('PA_NOT_IN_REGISTRY');
    const added = await api('PUT', `/operator/requests/${draft.json.id}/public-administration`, OP_TN, {
      denominazione: 'Comune di Trento',
      comune: 'L378',
      provincia: 'TN',
      indirizzo: 'Via Belenzani 19',
      cap: '38122',
      email: 'protocollo@comune.trento.it',
      codiceIpa: 'c_l378',
    });
    expect(added.status).toBe(200);
    expect(added.json.organization.organizationId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api('POST', `/operator/requests/${draft.json.id}/approve`, OP_TN)).json.state).toBe('approved');
    await eventually(
      () =>
        registryDb.query(`SELECT 1 FROM organization WHERE responsabile_unico_cf = $1`, [responsabile.codiceFiscale]),
      (r) => r.rowCount === 1,
    );
    // The same person for another PA: refused with the FAQ's words.
    const other = await api('POST', '/requests/responsabile-unico', APPLICANT, form('00417480134'));
    expect(other.status).toBe(409);
    expect(other.json.code).toBe('RESPONSABILE_UNICO_OTHER_PA');
    expect(other.json.message).toContain(
      'Il ruolo di responsabile unico non può essere ricoperto contemporaneamente per più di una amministrazione.',
    );
    expect(other.json.message).toContain('Comune di Trento');
    // The person changed administration: the operator of the old PA's territory ends the role, then it is possible.
    expect((await api('DELETE', `/operator/responsabili-unici/${responsabile.codiceFiscale}`, OP_MI)).status).toBe(404);
    expect((await api('DELETE', `/operator/responsabili-unici/${responsabile.codiceFiscale}`, OP_TN)).status).toBe(200);
    expect((await api('POST', '/requests/responsabile-unico', APPLICANT, form('00417480134'))).status).toBe(201);
  });
});

describe('RAA profile (Como flow)', () => {
  it('reaches the queue only once the PEC is confirmed through the mailed link', async () => {
    const body = {
      ...avvocato,
      indirizzoResidenza: 'Via Milano 3',
      comuneResidenza: 'C933',
      provinciaResidenza: 'CO',
      email: 'antonio.tursi@example.org',
      pec: 'antonio.tursi@pec.example.org',
      professione: 'Avvocato',
    };
    const notMine = await api('POST', '/requests/raa', APPLICANT, body);
    expect(notMine.json.details.fields.codiceFiscale).toMatch(/identità digitale/);
    const draft = await api('POST', '/requests/raa', AVVOCATO, body);
    const sent = await api('POST', `/requests/${draft.json.id}/submit`, AVVOCATO);
    expect(sent.json).toMatchObject({ state: 'awaiting-pec', stateLabel: 'In attesa di conferma PEC' });
    const { rows } = await avDb.query<{ data: Json }>(
      `SELECT envelope->'data' AS data FROM outbox
        WHERE key = $1 AND envelope->>'type' = 'verification-request.pec-confirmation-requested'`,
      [draft.json.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].data.pecConfirmationUrl).toBeUndefined(); // the token is in no event
    // notification mints the link for the mail; another service, a citizen, an unknown request: refused.
    const mint = (caller: string, id = draft.json.id as string) =>
      fetch(`${avUrl}/pec-links/${id}`, {
        method: 'POST',
        headers: { [SERVICE_TOKEN_HEADER]: SERVICE_TOKEN, 'x-profila-service': caller },
      });
    expect((await mint('registry')).status).toBe(403);
    expect((await api('POST', `/pec-links/${draft.json.id}`, AVVOCATO)).status).toBe(403);
    expect((await mint('notification', '7d0b6c1e-3f7a-4b57-9a55-1f1f1f1f1f1f')).status).toBe(404);
    const superseded = new URL((await (await mint('notification')).json()).url as string);
    const minted = await mint('notification');
    expect(minted.status).toBe(200);
    const link = await minted.json();
    expect(link).toMatchObject({ pec: 'antonio.tursi@pec.example.org', dueDate: expect.any(String) });
    const url = new URL(link.url as string);
    expect(url.pathname).toMatch(/^\/conferma-pec\/[A-Za-z0-9_-]{43}$/); // the portal's page
    const old = superseded.pathname.replace('/conferma-pec/', '/pec-confirmations/');
    expect((await fetch(`${avUrl}${old}`, { method: 'POST' })).status).toBe(404); // a newer link replaced it
    const path = url.pathname.replace('/conferma-pec/', '/pec-confirmations/');
    expect((await fetch(`${avUrl}${path}`)).status).toBe(404); // a GET (a mail filter's prefetch) confirms nothing
    expect((await fetch(`${avUrl}${path}x`, { method: 'POST' })).status).toBe(404);
    const confirmed = await fetch(`${avUrl}${path}`, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect((await fetch(`${avUrl}${path}`, { method: 'POST' })).status).toBe(404); // once
    expect((await mint('notification')).status).toBe(404); // confirmed: no new link
    const after = await api('GET', `/requests/${draft.json.id}`, AVVOCATO);
    expect(after.json.state).toBe('pending');
    // Como (CO) is not Trento's territory.
    expect((await api('GET', `/operator/requests/${draft.json.id}`, OP_TN)).status).toBe(404);
  });
});

describe('SLA', () => {
  it('an integration not answered in time expires (event for the mail); waiting too long is flagged late', async () => {
    const draft = await api('POST', '/requests/responsabile-unico', APPLICANT, {
      paCodiceFiscale: '00355870221', // Comune di Trento, in the registry by now (its Responsabile ended)
      codiceFiscale: person('Galli', 'Marco', '1980-01-01', 'M', 'L378').codiceFiscale,
      cognome: 'Galli',
      nome: 'Marco',
      email: 'marco.galli@example.org',
      pec: 'marco.galli@pec.example.org',
    });
    expect(draft.json.organization.organizationId).toMatch(/^[0-9a-f-]{36}$/);
    await uploadAll(APPLICANT, draft.json);
    await api('POST', `/requests/${draft.json.id}/submit`, APPLICANT);
    await avDb.query(`UPDATE verification_request SET waiting_since = now() - interval '4 days' WHERE id = $1`, [
      draft.json.id,
    ]);
    const late = await api('GET', '/operator/requests?late=true', OP_TN);
    expect(late.json.items.find((r: Json) => r.id === draft.json.id)).toMatchObject({ late: true });
    await api('POST', `/operator/requests/${draft.json.id}/integration`, OP_TN, { missing: 'Atto di nomina firmato' });
    await avDb.query(`UPDATE verification_request SET due_date = current_date - 1 WHERE id = $1`, [draft.json.id]);
    expect(await av.get(SlaSweeper).sweep()).toBeGreaterThanOrEqual(1);
    const after = await api('GET', `/requests/${draft.json.id}`, APPLICANT);
    expect(after.json).toMatchObject({ state: 'expired', stateLabel: 'Scaduta' });
    expect((await outboxTypes(draft.json.id)).at(-1)).toBe('verification-request.expired');
    expect((await api('POST', `/requests/${draft.json.id}/resubmit`, APPLICANT)).status).toBe(409);
  });
});

describe('Strutture regionali (sedi, CPI and staff)', () => {
  it('the Region’s operator sees and edits only their structure; bad input changes nothing', async () => {
    const n = await api('GET', '/operator/structures', NOBODY);
    expect(n.status).toBe(403);
    const all = (await api('GET', '/operator/structures', SUPER)).json.items as Json[];
    const tn = all.find((s) => s.ragioneSociale === 'Provincia Autonoma di Trento').organizationId as string;
    const mi = all.find((s) => s.ragioneSociale === 'Regione Lombardia').organizationId as string;
    expect((await api('GET', '/operator/structures', OP_TN)).json.items.map((s: Json) => s.organizationId)).toEqual([
      tn,
    ]);

    const mine = await api('GET', `/operator/structures/${tn}`, OP_TN);
    expect(mine.status).toBe(200);
    expect(mine.json.units.map((u: Json) => [u.descrizione, u.provinceServite])).toEqual([['CPI di Trento', ['TN']]]);
    expect(mine.json.staff).toEqual([
      {
        codiceFiscale: OP_TN.id,
        nome: 'Francesca',
        cognome: 'Romano',
        superOperatore: false,
        units: [{ unitId: units.tn, descrizione: 'CPI di Trento' }],
      },
    ]);
    // Another Region's structure does not exist for her, nor does hers for Milan's operator: 404 on every endpoint.
    const rovereto = {
      descrizione: 'CPI di Rovereto',
      comune: 'H612',
      indirizzo: 'Viale Trento 31',
      validaDal: '2025-01-01',
      comuniServiti: ['h612', 'A116'],
    };
    expect((await api('GET', `/operator/structures/${mi}`, OP_TN)).status).toBe(404);
    expect((await api('GET', `/operator/structures/${tn}`, OP_MI)).status).toBe(404);
    expect((await api('POST', `/operator/structures/${tn}/units`, OP_MI, rovereto)).status).toBe(404);
    expect((await api('PUT', `/operator/structures/${tn}/units/${units.tn}`, OP_MI, rovereto)).status).toBe(404);
    expect(
      (
        await api('PUT', `/operator/structures/${tn}/staff/${NOBODY.id}`, OP_MI, {
          nome: 'A',
          cognome: 'F',
          unitIds: [],
        })
      ).status,
    ).toBe(404);
    expect((await api('DELETE', `/operator/structures/${tn}/staff/${OP_TN.id}`, OP_MI)).status).toBe(404);
    // A company is no structure, even for the super-operator.
    expect((await api('GET', `/operator/structures/${companyId}`, SUPER)).status).toBe(404);

    const bad = await api('POST', `/operator/structures/${tn}/units`, OP_TN, {
      ...rovereto,
      descrizione: '',
      comuniServiti: ['XX'],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.details.fields).toMatchObject({
      descrizione: 'Campo obbligatorio',
      comuniServiti: 'Comune servito non valido',
    });
    expect((await api('GET', `/operator/structures/${tn}`, OP_TN)).json.units).toHaveLength(1);

    // Units need the rappresentante legale (the registry's rule), then they are added and changed.
    const rl = person('Neri', 'Anna', '1975-03-03', 'F', 'L378');
    expect((await call(registryUrl, 'PUT', `/organizations/${tn}/legal-representative`, 'service', rl)).status).toBe(
      200,
    );
    const added = await api('POST', `/operator/structures/${tn}/units`, OP_TN, rovereto);
    expect(added.status).toBe(201);
    const unit = added.json.units.find((u: Json) => u.descrizione === 'CPI di Rovereto');
    expect(unit).toMatchObject({ comune: 'H612', comuneNome: 'Rovereto', comuniServiti: ['H612', 'A116'] });
    const changed = await api('PUT', `/operator/structures/${tn}/units/${unit.unitId}`, OP_TN, {
      ...rovereto,
      comuniServiti: ['H612'],
    });
    expect(changed.status).toBe(200);
    expect(changed.json.units.find((u: Json) => u.unitId === unit.unitId).comuniServiti).toEqual(['H612']);

    // Staff: a new operator on Rovereto (refused without units), then removed; she cannot remove herself.
    const none = await api('PUT', `/operator/structures/${tn}/staff/${NOBODY.id}`, OP_TN, {
      nome: 'Alessandro',
      cognome: 'Ferrari',
      unitIds: [],
    });
    expect(none.status).toBe(400);
    const staffed = await api('PUT', `/operator/structures/${tn}/staff/${NOBODY.id}`, OP_TN, {
      nome: 'Alessandro',
      cognome: 'Ferrari',
      unitIds: [unit.unitId],
    });
    expect(staffed.status).toBe(200);
    expect(staffed.json.staff.find((s: Json) => s.codiceFiscale === NOBODY.id).units).toEqual([
      { unitId: unit.unitId, descrizione: 'CPI di Rovereto' },
    ]);
    expect((await api('GET', '/operator/me', NOBODY)).json.units.map((u: Json) => u.descrizione)).toEqual([
      'CPI di Rovereto',
    ]);
    expect((await api('DELETE', `/operator/structures/${tn}/staff/${OP_TN.id}`, OP_TN)).status).toBe(400);
    const removed = await api('DELETE', `/operator/structures/${tn}/staff/${NOBODY.id}`, OP_TN);
    expect(removed.status).toBe(200);
    expect(removed.json.staff.map((s: Json) => s.codiceFiscale)).toEqual([OP_TN.id]);
    expect((await api('GET', '/operator/me', NOBODY)).status).toBe(403);
  });
});

describe('stale drafts', () => {
  it('a draft never sent for STALE_DRAFT_DAYS is deleted with its documents, audited; fresh drafts stay', async () => {
    const marta = person('Galli', 'Marta', '1984-09-09', 'F', 'F205');
    const MARTA: Actor = { kind: 'citizen', id: marta.codiceFiscale };
    const form = (paCodiceFiscale: string) => ({
      paCodiceFiscale,
      codiceFiscale: marta.codiceFiscale,
      cognome: marta.cognome,
      nome: marta.nome,
      email: 'marta.galli@example.org',
      pec: 'marta.galli@pec.example.org',
    });
    const old = await api('POST', '/requests/responsabile-unico', MARTA, form('01199250158')); // Comune di Milano
    expect(old.status).toBe(201);
    await uploadAll(MARTA, old.json);
    const pietro = person('Galli', 'Pietro', '1990-01-01', 'M', 'C933');
    const fresh = await api('POST', '/requests/responsabile-unico', APPLICANT, {
      ...form('00417480134'),
      codiceFiscale: pietro.codiceFiscale,
      nome: pietro.nome,
    });
    expect(fresh.status).toBe(201);
    await avDb.query(`UPDATE verification_request SET updated_at = now() - interval '31 days' WHERE id = $1`, [
      old.json.id,
    ]);
    const docs = (
      await call(docsUrl, 'GET', `/documents?entityType=admin-verification-request&entityId=${old.json.id}`, 'service')
    ).json.items as Json[];
    expect(docs).toHaveLength(1);

    expect(await av.get(StaleDraftsCleaner).clean()).toBe(1);

    expect((await api('GET', `/requests/${old.json.id}`, MARTA)).status).toBe(404);
    expect((await api('GET', `/requests/${fresh.json.id}`, APPLICANT)).json.state).toBe('draft');
    const left = await call(
      docsUrl,
      'GET',
      `/documents?entityType=admin-verification-request&entityId=${old.json.id}`,
      'service',
    );
    expect(left.json.items).toEqual([]);
    expect((await call(docsUrl, 'GET', `/documents/${docs[0].id}`, 'service')).json.status).toBe('deleted');
    const { rows } = await avDb.query<{ data: Json }>(
      `SELECT data FROM audit_entry WHERE action = 'verification-request.draft-deleted' AND subject_id = $1`,
      [old.json.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toMatchObject({
      kind: 'responsabile-unico',
      applicantCf: marta.codiceFiscale,
      staleAfterDays: 30,
      documents: [{ id: docs[0].id, kind: 'atto-di-nomina' }],
    });
    expect(await count(`SELECT count(*) n FROM verification_step WHERE request_id = '${old.json.id}'`)).toBe(0);
    expect(await outboxTypes(old.json.id)).toEqual([]); // a draft was never an event
    expect(await av.get(StaleDraftsCleaner).clean()).toBe(0);
  });
});
