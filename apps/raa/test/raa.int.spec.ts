/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are checked by the assertions themselves (Json is any) */
// raa through its real Nest app and HTTP, with the real registry (the officers and their territories) and the real
// document-store (attachments confirmed by raa's document-links API) beside it, each on its own PostgreSQL database,
// one shared event log (postgres transport) on which the test publishes what admin-verification (RAA profile
// approvals) and COB (employment communications) would.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { type EventEnvelope, topicOf, validateEvent } from '@profila/contracts';
import { generateCodiceFiscale } from '@profila/italian';
import { PostgresEventTransport } from '@profila/messaging';
import { AccessTokenIssuer, type Actor, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { createTestDatabase, freePort } from '@profila/testing';
import { loadRaaEnv } from '../src/config/raa.env.js';
import { createRaaApp } from '../src/raa.app.js';
import { type Neighbours, startNeighbours } from '../../../test/support/neighbour-services.js';

const SERVICE_TOKEN = 'raa-int-test-token';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const cf = (cognome: string, nome: string, dataNascita: string, sesso: 'M' | 'F', luogo: string) =>
  generateCodiceFiscale({ cognome, nome, dataNascita, sesso, codiceCatastale: luogo });

const AVVOCATO: Actor = { kind: 'citizen', id: cf('Tursi', 'Antonio', '1970-10-01', 'M', 'C933') };
const ALTRO: Actor = { kind: 'citizen', id: cf('Neri', 'Paola', '1981-05-05', 'F', 'F205') };
const NO_PROFILE: Actor = { kind: 'citizen', id: 'FRRLSN69P30A944J' };
const OP_CO: Actor = { kind: 'citizen', id: 'RMNFNC88S45L219F' }; // Francesca Romano, CPI di Como
const OP_MI: Actor = { kind: 'citizen', id: 'BNCGLI92L55F205A' }; // Giulia Bianchi, CPI di Milano
const KNOWN_WORKER = 'RSSMRA80A01H501U'; // Mario Rossi: AZIENDA PROVA 1 SRL since 2019-09-16 (sample data)
const UNKNOWN_WORKER = 'CNTSRA95E67L378E'; // Sara Conti: not in the sample records
const COB_WORKER = cf('Rota', 'Giorgio', '1990-03-03', 'M', 'C933');

let issuer: AccessTokenIssuer;
let neighbours: Neighbours;
let raa: NestFastifyApplication;
let raaUrl: string;
let registryUrl: string;
let docsUrl: string;
let raaDb: pg.Client;
let registryDb: pg.Client;
let transport: PostgresEventTransport;

beforeAll(async () => {
  ({ issuer } = await AccessTokenIssuer.generate());
  const events = await createTestDatabase('raaevents');
  transport = new PostgresEventTransport({ url: events });
  const raaPort = await freePort();
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    EVENT_TRANSPORT: 'postgres',
    EVENTS_DATABASE_URL: events,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    SERVICE_TOKEN,
  };
  neighbours = await startNeighbours({
    name: 'raa',
    common,
    documentStore: { RAA_URL: `http://127.0.0.1:${raaPort}` },
  });
  ({ docsUrl, registryUrl } = neighbours);
  const { registryDbUrl } = neighbours;
  const raaDbUrl = await createTestDatabase('raa');
  raa = await createRaaApp(
    loadRaaEnv({
      ...common,
      DATABASE_URL: raaDbUrl,
      REGISTRY_URL: registryUrl,
      DOCUMENT_STORE_URL: docsUrl,
      MAX_ATTACHMENT_MB: '1',
    }),
  );
  await raa.startAllMicroservices();
  await raa.listen(raaPort, '127.0.0.1');
  raaUrl = await raa.getUrl();
  raaDb = new pg.Client({ connectionString: raaDbUrl });
  await raaDb.connect();
  registryDb = new pg.Client({ connectionString: registryDbUrl });
  await registryDb.connect();
  await setUpOfficers();
  await enableProfile(AVVOCATO.id, 'Antonio', 'Tursi', 'CO');
  await enableProfile(ALTRO.id, 'Paola', 'Neri', 'MI');
  await until('the RAA profiles', async () => (await count('SELECT count(*) AS n FROM raa_profile')) === 2);
}, 120_000);

afterAll(async () => {
  await raa?.close();
  await transport?.close();
  await raaDb?.end();
  await registryDb?.end();
  await neighbours?.stop();
});

// ---------------------------------------------------------------------------------------------------------------

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
  return { status: res.status, json, contentType: res.headers.get('content-type') };
}
const api = (method: string, path: string, actor: Actor | 'service', body?: unknown) =>
  call(raaUrl, method, path, actor, body);

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return Number((await raaDb.query<{ n: string }>(sql, params)).rows[0].n);
}

async function publish(type: 'verification-request.approved' | 'employment.communicated', key: string, data: unknown) {
  const envelope = {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId: key,
    correlationId: randomUUID(),
    causationId: null,
    actor: { kind: 'system', id: 'test' },
    data,
  } as EventEnvelope;
  validateEvent(envelope);
  await transport.publish([{ topic: topicOf(type), key, envelope }]);
}

async function enableProfile(codiceFiscale: string, nome: string, cognome: string, provincia: string) {
  const requestId = randomUUID();
  await publish('verification-request.approved', requestId, {
    requestId,
    kind: 'raa',
    state: 'approved',
    applicantCodiceFiscale: codiceFiscale,
    person: {
      codiceFiscale,
      nome,
      cognome,
      dataNascita: null,
      luogoNascita: null,
      email: `${nome.toLowerCase()}@studio.example.org`,
      pec: null,
    },
    organization: null,
    professione: 'Avvocato',
    territory: { comune: null, provincia },
    reason: null,
    integrationDueDate: null,
  });
}

async function setUpOfficers() {
  for (const [actor, ente, entiCf, provincia, comune, nome, cognome] of [
    [OP_CO, 'Provincia di Como', '00337460224', 'CO', 'C933', 'Francesca', 'Romano'],
    [OP_MI, 'Città metropolitana di Milano', '80050050154', 'MI', 'F205', 'Giulia', 'Bianchi'],
  ] as const) {
    const org = await call(registryUrl, 'POST', '/organizations/enti', 'service', {
      codiceFiscale: entiCf,
      ragioneSociale: ente,
      tipoEnte: 'provincia',
      provincia,
      comune,
      indirizzo: 'Via Borgovico 148',
      email: 'lavoro@example.org',
    });
    expect(org.status).toBe(201);
    const { rows } = await registryDb.query<{ id: string }>(
      `INSERT INTO operating_unit (id, organization_id, descrizione, comune, indirizzo, valid_from, comuni_serviti,
                                   province_servite, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 'Via Maestra 1', '2020-01-01', '{}', $4, now(), now()) RETURNING id`,
      [org.json.id, `CPI ${provincia}`, comune, [provincia]],
    );
    const res = await call(registryUrl, 'PUT', `/operators/${actor.id}/organizations/${org.json.id}`, 'service', {
      nome,
      cognome,
      unitIds: [rows[0].id],
    });
    expect(res.status).toBe(200);
  }
}

const FORM = {
  provincia: 'co',
  ragioneSocialeRichiedente: 'Studio Legale Tursi',
  tipologiaRichiesta: 'Studio legale',
  ragioneSocialeMandante: 'Mario Bianchi',
  codiceFiscaleMandante: 'BNCMRA70A01C933L',
  motivazione: 'Pignoramento presso terzi: verifica del rapporto di lavoro',
};

function pdf(label: string, padding = 1024): Blob {
  const head = Buffer.from(`%PDF-1.7\n% ${label}\n`, 'latin1');
  return new Blob([Buffer.concat([head, Buffer.alloc(padding, 0x20), Buffer.from('%%EOF\n', 'latin1')])], {
    type: 'application/pdf',
  });
}

async function upload(actor: Actor, requestId: string, file: Blob, name: string) {
  const form = new FormData();
  form.append('kind', 'raa-attachment');
  form.append('entityType', 'raa-request');
  form.append('entityId', requestId);
  form.append('file', file, name);
  const res = await fetch(`${docsUrl}/documents`, { method: 'POST', headers: await headers(actor), body: form });
  const json: Json = await res.json();
  return { status: res.status, json };
}

async function draftWithWorker(actor: Actor = AVVOCATO, worker = KNOWN_WORKER): Promise<string> {
  const draft = await api('POST', '/requests', actor, FORM);
  expect(draft.status).toBe(201);
  const added = await api('POST', `/requests/${draft.json.id}/workers`, actor, { codiceFiscale: worker });
  expect(added.status).toBe(201);
  return draft.json.id as string;
}

// ---------------------------------------------------------------------------------------------------------------

describe('who may file requests', () => {
  it('without an enabled RAA profile every requester endpoint answers 403 RAA_PROFILE_REQUIRED', async () => {
    const profile = await api('GET', '/me/profile', NO_PROFILE);
    expect(profile.json).toMatchObject({ enabled: false });
    const id = randomUUID();
    for (const [method, path, body] of [
      ['GET', '/requests'],
      ['POST', '/requests', FORM],
      ['GET', `/requests/${id}`],
      ['PUT', `/requests/${id}`, FORM],
      ['POST', `/requests/${id}/workers`, { codiceFiscale: KNOWN_WORKER }],
      ['POST', `/requests/${id}/submit`],
      ['POST', `/requests/${id}/cancel`],
      ['GET', `/requests/${id}/pdf`],
    ] as const) {
      const res = await api(method, path, NO_PROFILE, body);
      expect({ path, method, status: res.status, code: res.json.code }).toEqual({
        path,
        method,
        status: 403,
        code: 'RAA_PROFILE_REQUIRED',
      });
    }
  });

  it('the profile approved in admin-verification (its event) enables the requester, with name and provincia', async () => {
    const profile = await api('GET', '/me/profile', AVVOCATO);
    expect(profile.json).toMatchObject({ enabled: true, nome: 'Antonio', cognome: 'Tursi', provincia: 'CO' });
  });
});

describe('the draft', () => {
  let id: string;

  it('bad input is refused field by field and stores nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM raa_request');
    const bad = await api('POST', '/requests', AVVOCATO, { ...FORM, motivazione: '  ', codiceFiscaleMandante: 'X1' });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('VALIDATION_FAILED');
    expect(bad.json.details.fields).toMatchObject({
      motivazione: 'Indicare la motivazione della richiesta',
      codiceFiscaleMandante: 'Codice fiscale mandante non valido',
    });
    expect(await count('SELECT count(*) AS n FROM raa_request')).toBe(before);
  });

  it('is saved in BOZZA with today as Data richiesta and no protocol', async () => {
    const draft = await api('POST', '/requests', AVVOCATO, FORM);
    expect(draft.status).toBe(201);
    id = draft.json.id;
    expect(draft.json).toMatchObject({
      state: 'BOZZA',
      stateLabel: 'Bozza',
      intestazione: 'Richiesta di accesso agli atti da parte di ANTONIO TURSI',
      provincia: 'CO',
      protocollo: null,
      dataProtocollo: null,
      editable: true,
    });
    expect(draft.json.dataRichiesta).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const updated = await api('PUT', `/requests/${id}`, AVVOCATO, { ...FORM, motivazione: 'Separazione giudiziale' });
    expect(updated.json.motivazione).toBe('Separazione giudiziale');
    expect(await count(`SELECT count(*) AS n FROM audit_entry WHERE subject_id = $1`, [id])).toBe(2);
  });

  it('workers: the checksum is checked, each is looked up (logged), an unknown one stays flagged', async () => {
    const wrong = await api('POST', `/requests/${id}/workers`, AVVOCATO, { codiceFiscale: 'RSSMRA80A01H501X' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.details.fields.codiceFiscale).toBe('Codice fiscale del lavoratore non valido');
    expect(await count('SELECT count(*) AS n FROM raa_worker WHERE request_id = $1', [id])).toBe(0);

    const known = await api('POST', `/requests/${id}/workers`, AVVOCATO, {
      codiceFiscale: KNOWN_WORKER.toLowerCase(),
      descrizione: 'Debitore',
    });
    expect(known.status).toBe(201);
    const unknown = await api('POST', `/requests/${id}/workers`, AVVOCATO, { codiceFiscale: UNKNOWN_WORKER });
    expect(unknown.json.workers).toEqual([
      expect.objectContaining({
        codiceFiscale: KNOWN_WORKER,
        descrizione: 'Debitore',
        known: true,
        avviso: null,
        stato: 'Bozza',
      }),
      expect.objectContaining({
        codiceFiscale: UNKNOWN_WORKER,
        known: false,
        avviso: 'nessuna informazione presente per il lavoratore',
      }),
    ]);
    // The requester sees no employment data, only the flag.
    expect(unknown.json.workers[0].datoreRagioneSociale).toBeNull();
    const again = await api('POST', `/requests/${id}/workers`, AVVOCATO, { codiceFiscale: UNKNOWN_WORKER });
    expect({ status: again.status, code: again.json.code }).toEqual({ status: 409, code: 'WORKER_ALREADY_LISTED' });
    const logged = await raaDb.query(
      `SELECT worker_cf, actor_id, request_id, reason FROM employment_lookup WHERE request_id = $1 ORDER BY looked_at`,
      [id],
    );
    expect(logged.rows).toEqual([
      expect.objectContaining({ worker_cf: KNOWN_WORKER, actor_id: AVVOCATO.id, request_id: id }),
      expect.objectContaining({ worker_cf: UNKNOWN_WORKER, actor_id: AVVOCATO.id, request_id: id }),
    ]);
    expect(logged.rows[0].reason).toMatch(/^Verifica della presenza/);
  });

  it('attachments: uploaded to document-store (the link confirmed by raa), listed, removable; too big refused', async () => {
    const up = await upload(AVVOCATO, id, pdf('delega'), 'delega 01 marzo 2016.pdf');
    expect(up.status).toBe(201);
    const added = await api('POST', `/requests/${id}/attachments`, AVVOCATO, {
      documentId: up.json.id,
      descrizione: 'Delega del mandante',
    });
    expect(added.status).toBe(201);
    expect(added.json.attachments).toEqual([
      expect.objectContaining({ nome: 'delega 01 marzo 2016.pdf', descrizione: 'Delega del mandante', stato: 'Bozza' }),
    ]);
    // Someone else cannot upload to this request: raa does not confirm the link.
    expect((await upload(ALTRO, id, pdf('x'), 'x.pdf')).status).toBeGreaterThanOrEqual(400);
    // Larger than this deployment's MAX_ATTACHMENT_MB (1): a field message, nothing attached.
    const big = await upload(AVVOCATO, id, pdf('grande', 1_200_000), 'grande.pdf');
    expect(big.status).toBe(201);
    const refused = await api('POST', `/requests/${id}/attachments`, AVVOCATO, { documentId: big.json.id });
    expect(refused.status).toBe(400);
    expect(refused.json.details.fields.documentId).toBe("L'allegato supera la dimensione massima consentita (1 MB)");
    expect(await count('SELECT count(*) AS n FROM raa_attachment WHERE request_id = $1', [id])).toBe(1);
    // Over document-store's own limit for the kind (10 MB): refused at upload.
    const huge = await upload(AVVOCATO, id, pdf('enorme', 10 * 1024 * 1024 + 10), 'enorme.pdf');
    expect({ status: huge.status, code: huge.json.code }).toEqual({ status: 413, code: 'DOCUMENT_TOO_LARGE' });
    // A document that is not this request's: refused.
    const other = await draftWithWorker();
    const foreign = await upload(AVVOCATO, other, pdf('altra'), 'altra.pdf');
    const wrongRequest = await api('POST', `/requests/${id}/attachments`, AVVOCATO, { documentId: foreign.json.id });
    expect(wrongRequest.status).toBe(400);
    const removable = await upload(AVVOCATO, id, pdf('tmp'), 'tmp.pdf');
    const withTmp = await api('POST', `/requests/${id}/attachments`, AVVOCATO, { documentId: removable.json.id });
    const tmp = withTmp.json.attachments.find((a: Json) => a.nome === 'tmp.pdf');
    const removed = await api('DELETE', `/requests/${id}/attachments/${tmp.id}`, AVVOCATO);
    expect(removed.json.attachments.map((a: Json) => a.nome)).toEqual(['delega 01 marzo 2016.pdf']);
  });

  it('another requester sees nothing of it: 404 on every endpoint, and it is not in their list', async () => {
    const worker = (await api('GET', `/requests/${id}`, AVVOCATO)).json.workers[0].id;
    for (const [method, path, body] of [
      ['GET', `/requests/${id}`],
      ['PUT', `/requests/${id}`, FORM],
      ['POST', `/requests/${id}/workers`, { codiceFiscale: KNOWN_WORKER }],
      ['DELETE', `/requests/${id}/workers/${worker}`],
      ['POST', `/requests/${id}/cancel`],
      ['POST', `/requests/${id}/submit`],
      ['GET', `/requests/${id}/pdf`],
    ] as const) {
      const res = await api(method, path, ALTRO, body);
      expect({ path, method, status: res.status }).toEqual({ path, method, status: 404 });
    }
    expect((await api('GET', '/requests', ALTRO)).json.items).toEqual([]);
    // Officers do not see drafts.
    expect((await api('GET', `/officer/requests/${id}`, OP_CO)).status).toBe(404);
  });

  it('"Annulla" cancels a draft: ANNULLATA, out of the list', async () => {
    const other = await draftWithWorker();
    const cancelled = await api('POST', `/requests/${other}/cancel`, AVVOCATO);
    expect(cancelled.json.state).toBe('ANNULLATA');
    expect((await api('GET', '/requests', AVVOCATO)).json.items.map((r: Json) => r.id)).not.toContain(other);
    expect((await api('GET', `/requests/${other}`, AVVOCATO)).status).toBe(404);
  });

  it('"Invia e protocolla": INVIATA with the year\u2019s protocol number; then every change is refused (409)', async () => {
    const empty = (await api('POST', '/requests', AVVOCATO, FORM)).json.id;
    const noWorkers = await api('POST', `/requests/${empty}/submit`, AVVOCATO);
    expect(noWorkers.status).toBe(400);
    expect(noWorkers.json.details.fields.lavoratori).toBe('Inserire almeno un codice fiscale di lavoratore');

    const sent = await api('POST', `/requests/${id}/submit`, AVVOCATO);
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ state: 'INVIATA', stateLabel: 'Inviata', editable: false });
    const year = new Date().getFullYear();
    expect(sent.json.protocollo).toMatch(new RegExp(`^\\d{4}/${year}$`));
    expect(sent.json.dataProtocollo).toBe(sent.json.dataRichiesta);
    const before = (await raaDb.query('SELECT * FROM raa_request WHERE id = $1', [id])).rows[0];
    const worker = sent.json.workers[0].id;
    const attachment = sent.json.attachments[0].id;
    for (const [method, path, body] of [
      ['PUT', `/requests/${id}`, FORM],
      ['POST', `/requests/${id}/workers`, { codiceFiscale: 'GRCGPP58T08G273K' }],
      ['DELETE', `/requests/${id}/workers/${worker}`],
      ['DELETE', `/requests/${id}/attachments/${attachment}`],
      ['POST', `/requests/${id}/cancel`],
      ['POST', `/requests/${id}/submit`],
    ] as const) {
      const res = await api(method, path, AVVOCATO, body);
      expect({ path, method, status: res.status, code: res.json.code }).toEqual({
        path,
        method,
        status: 409,
        code: 'REQUEST_NOT_EDITABLE',
      });
    }
    expect((await raaDb.query('SELECT * FROM raa_request WHERE id = $1', [id])).rows[0]).toEqual(before);
    expect(await count('SELECT count(*) AS n FROM raa_worker WHERE request_id = $1', [id])).toBe(2);
    // document-store no longer accepts attachments for it.
    expect((await upload(AVVOCATO, id, pdf('tardi'), 'tardi.pdf')).status).toBeGreaterThanOrEqual(400);
    // The event names the officers of the Provincia (Francesca, CPI di Como), never the workers.
    const { rows } = await raaDb.query<{ envelope: Json }>(
      `SELECT envelope FROM outbox WHERE envelope->>'type' = 'raa-request.submitted' AND key = $1`,
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].envelope.data).toMatchObject({
      state: 'INVIATA',
      protocollo: sent.json.protocollo,
      provincia: 'CO',
      officers: [OP_CO.id],
      workerCount: 2,
      requester: { codiceFiscale: AVVOCATO.id, email: 'antonio@studio.example.org' },
    });
    expect(JSON.stringify(rows[0].envelope)).not.toContain(KNOWN_WORKER);
  });

  describe('the officers', () => {
    it('a citizen who is not an officer: 403 NOT_AN_OFFICER', async () => {
      const res = await api('GET', '/officer/requests', NO_PROFILE);
      expect({ status: res.status, code: res.json.code }).toEqual({ status: 403, code: 'NOT_AN_OFFICER' });
    });

    it('an officer of another territory does not see it: not in the queue, 404 everywhere', async () => {
      const queue = await api('GET', '/officer/requests', OP_MI);
      expect(queue.json.province).toEqual(['MI']);
      expect(queue.json.items.map((r: Json) => r.id)).not.toContain(id);
      const answer = { dataRicerca: '2026-01-01', lavoratori: [] };
      for (const [method, path, body] of [
        ['GET', `/officer/requests/${id}`],
        ['GET', `/officer/requests/${id}/answer-draft`],
        ['POST', `/officer/requests/${id}/answer`, answer],
        ['POST', `/officer/requests/${id}/refuse`, { motivo: 'no' }],
        ['GET', `/officer/requests/${id}/pdf`],
      ] as const) {
        const res = await api(method, path, OP_MI, body);
        expect({ path, method, status: res.status }).toEqual({ path, method, status: 404 });
      }
      expect(await count(`SELECT count(*) AS n FROM employment_lookup WHERE actor_id = $1`, [OP_MI.id])).toBe(0);
    });

    it('the officer of the Provincia answers: prefilled from the records (logged), validated, EVASA', async () => {
      const queue = await api('GET', '/officer/requests?stato=INVIATA', OP_CO);
      expect(queue.json.items.map((r: Json) => r.id)).toContain(id);
      const detail = await api('GET', `/officer/requests/${id}`, OP_CO);
      expect(detail.json.attachments.map((a: Json) => a.nome)).toEqual(['delega 01 marzo 2016.pdf']);
      const link = await api(
        'POST',
        `/officer/requests/${id}/attachments/${detail.json.attachments[0].id}/download-link`,
        OP_CO,
      );
      expect(link.status).toBe(200);
      const path = new URL(link.json.url, docsUrl).pathname.replace(/^\/api\/document-store/, '');
      const bytes = await (await fetch(`${docsUrl}${path}`)).text();
      expect(bytes).toContain('% delega');

      const draft = await api('GET', `/officer/requests/${id}/answer-draft?dataRicerca=2024-06-30`, OP_CO);
      expect(draft.json.lavoratori).toEqual([
        expect.objectContaining({
          codiceFiscale: KNOWN_WORKER,
          situazione: 'LAVORA',
          datoreCf: '00097020598',
          datoreRagioneSociale: 'AZIENDA PROVA 1 SRL',
          dataInizio: '2019-09-16',
        }),
        expect.objectContaining({ codiceFiscale: UNKNOWN_WORKER, known: false, situazione: 'NESSUN_RAPPORTO' }),
      ]);
      const [known, unknown] = draft.json.lavoratori;
      const missing = await api('POST', `/officer/requests/${id}/answer`, OP_CO, {
        dataRicerca: '2024-06-30',
        lavoratori: [{ workerId: known.workerId, situazione: 'LAVORA' }],
      });
      expect(missing.status).toBe(400);
      expect(missing.json.details.fields).toMatchObject({
        'lavoratori.0.datoreRagioneSociale': 'Indicare il datore di lavoro',
        'lavoratori.0.dataInizio': 'Indicare la data di inizio del rapporto',
        lavoratori: 'Indicare la situazione di ogni lavoratore della richiesta',
      });
      expect((await api('GET', `/requests/${id}`, AVVOCATO)).json.state).toBe('INVIATA');

      const answered = await api('POST', `/officer/requests/${id}/answer`, OP_CO, {
        dataRicerca: '2024-06-30',
        rispostaProvincia: 'Dati estratti dalle comunicazioni obbligatorie.',
        lavoratori: [
          {
            workerId: known.workerId,
            situazione: known.situazione,
            datoreCf: known.datoreCf,
            datoreRagioneSociale: 'AZIENDA PROVA 1 S.R.L.', // edited by the officer
            dataInizio: known.dataInizio,
            tipologiaContrattuale: known.tipologiaContrattuale,
          },
          { workerId: unknown.workerId, situazione: 'NESSUN_RAPPORTO' },
        ],
      });
      expect(answered.status).toBe(200);
      expect(answered.json.state).toBe('EVASA');

      const seen = await api('GET', `/requests/${id}`, AVVOCATO);
      expect(seen.json.answer).toMatchObject({
        dataRicerca: '2024-06-30',
        rispostaProvincia: 'Dati estratti dalle comunicazioni obbligatorie.',
      });
      expect(seen.json.workers).toEqual([
        expect.objectContaining({
          situazioneLabel: 'Lavora',
          datoreRagioneSociale: 'AZIENDA PROVA 1 S.R.L.',
          dataInizio: '2019-09-16',
        }),
        expect.objectContaining({ situazioneLabel: 'nessun rapporto di lavoro in corso alla data di ricerca' }),
      ]);
      const again = await api('POST', `/officer/requests/${id}/refuse`, OP_CO, { motivo: 'ripensamento' });
      expect({ status: again.status, code: again.json.code }).toEqual({ status: 409, code: 'TRANSITION_NOT_ALLOWED' });
      const { rows } = await raaDb.query<{ envelope: Json }>(
        `SELECT envelope FROM outbox WHERE envelope->>'type' = 'raa-request.answered' AND key = $1`,
        [id],
      );
      expect(rows[0].envelope.data).toMatchObject({ state: 'EVASA', protocollo: seen.json.protocollo });
    });

    it('"Stampa": the request and its answer as a PDF, for the requester (and nobody else)', async () => {
      const res = await fetch(`${raaUrl}/requests/${id}/pdf`, { headers: await headers(AVVOCATO) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect((await api('GET', `/requests/${id}/pdf`, ALTRO)).status).toBe(404);
    });

    it('an officer lists who looked at a worker: requester and officer, request, when, why', async () => {
      const res = await api('GET', `/officer/workers/${KNOWN_WORKER}/lookups`, OP_CO);
      expect(res.status).toBe(200);
      const mine = res.json.items.filter((l: Json) => l.requestId === id);
      expect(mine.map((l: Json) => [l.actorId, l.reason.split(':')[0]])).toEqual([
        [OP_CO.id, 'Evasione della richiesta'],
        [AVVOCATO.id, 'Verifica della presenza del lavoratore in banca dati (inserimento nella richiesta)'],
      ]);
      expect(mine[0].protocollo).toMatch(/^\d{4}\/\d{4}$/);
      expect((await api('GET', `/officer/workers/${KNOWN_WORKER}/lookups`, AVVOCATO)).status).toBe(403);
      expect((await api('GET', `/officer/workers/RSSMRA80A01H501X/lookups`, OP_CO)).status).toBe(400);
    });

    it('RESPINTA needs the reason', async () => {
      const other = await draftWithWorker();
      await api('POST', `/requests/${other}/submit`, AVVOCATO);
      const noReason = await api('POST', `/officer/requests/${other}/refuse`, OP_CO, { motivo: ' ' });
      expect(noReason.status).toBe(400);
      expect(noReason.json.details.fields.motivo).toBe('Indicare il motivo del rifiuto');
      const refused = await api('POST', `/officer/requests/${other}/refuse`, OP_CO, {
        motivo: 'Motivazione non valida',
      });
      expect(refused.json).toMatchObject({ state: 'RESPINTA', refusal: { motivo: 'Motivazione non valida' } });
      expect((await api('GET', `/requests/${other}`, AVVOCATO)).json.refusal.motivo).toBe('Motivazione non valida');
    });
  });
});

describe('protocol numbering', () => {
  it('many requests sent at once get distinct, consecutive numbers of the year', async () => {
    const ids = await Promise.all(Array.from({ length: 24 }, (_, i) => draftWithWorker(i % 2 ? AVVOCATO : ALTRO)));
    const before = Number(
      (await raaDb.query<{ n: string }>('SELECT coalesce(max(protocol_number), 0) AS n FROM raa_request')).rows[0].n,
    );
    const sent = await Promise.all(ids.map((id, i) => api('POST', `/requests/${id}/submit`, i % 2 ? AVVOCATO : ALTRO)));
    expect(sent.map((s) => s.status)).toEqual(ids.map(() => 200));
    const numbers = sent.map((s) => Number(String(s.json.protocollo).split('/')[0])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: ids.length }, (_, i) => before + i + 1));
  });
});

describe('employment records', () => {
  it('COB communications feed the read model; a later one (cessazione) replaces the relationship', async () => {
    const base = {
      relationshipId: 'cob-rel-1',
      lavoratore: { codiceFiscale: COB_WORKER },
      datoreDiLavoro: { codiceFiscale: '00905811006', ragioneSociale: 'SERVIZI LOMBARDI SRL' },
      dataInizio: '2025-01-07',
      tipologiaContrattuale: 'Lavoro a tempo indeterminato',
    };
    await publish('employment.communicated', 'cob-rel-1', {
      ...base,
      communicationId: 'c-1',
      tipoComunicazione: 'assunzione',
      dataFine: null,
    });
    await until(
      'the relationship',
      async () =>
        (await count(`SELECT count(*) AS n FROM employment_relationship WHERE worker_cf = $1`, [COB_WORKER])) === 1,
    );
    const id = await draftWithWorker(AVVOCATO, COB_WORKER);
    expect((await api('GET', `/requests/${id}`, AVVOCATO)).json.workers[0].known).toBe(true);
    await publish('employment.communicated', 'cob-rel-1', {
      ...base,
      communicationId: 'c-2',
      tipoComunicazione: 'cessazione',
      dataFine: '2025-06-30',
    });
    await until(
      'the cessazione',
      async () =>
        (await count(
          `SELECT count(*) AS n FROM employment_relationship WHERE worker_cf = $1 AND end_date = '2025-06-30'`,
          [COB_WORKER],
        )) === 1,
    );
    await api('POST', `/requests/${id}/submit`, AVVOCATO);
    const draft = await api('GET', `/officer/requests/${id}/answer-draft?dataRicerca=2025-07-01`, OP_CO);
    expect(draft.json.lavoratori[0]).toMatchObject({ situazione: 'NESSUN_RAPPORTO' });
    const during = await api('GET', `/officer/requests/${id}/answer-draft?dataRicerca=2025-03-01`, OP_CO);
    expect(during.json.lavoratori[0]).toMatchObject({
      situazione: 'LAVORA',
      datoreRagioneSociale: 'SERVIZI LOMBARDI SRL',
    });
  });

  it('the sample data set is loaded once: a second boot adds nothing', async () => {
    const n = await count(`SELECT count(*) AS n FROM employment_relationship WHERE source = 'sample'`);
    expect(n).toBe(16);
  });
});
