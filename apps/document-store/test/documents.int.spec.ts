// The document-store service in-process, for real: its own PostgreSQL database, the event log database, an S3
// endpoint (s3rver) spoken to over the S3 protocol, and callers authenticated with gateway access tokens (ES256)
// verified against an inline key set, as in production. Nothing of the service is mocked.
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client as MinioClient } from 'minio';
import pg from 'pg';
import { generateCodiceFiscale } from '@profila/italian';
import { AccessTokenIssuer, type Actor, SERVICE_TOKEN_HEADER } from '@profila/platform';
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
import { loadDocumentStoreEnv } from '../src/config/document-store.env.js';
import { createDocumentStoreApp } from '../src/document-store.app.js';
import { MB } from '../src/domain/document-kind.js';
import { OwnerServiceLinkVerifier } from '../src/documents/linked-entities/owner-service.link-verifier.js';
import { UploadSweeper } from '../src/documents/upload-sweeper.js';
import { readRequestCode } from '../src/pdf/pdf-metadata.js';

const BUCKET = 'profila-documents';
const SERVICE_TOKEN = 'documents-int-test-service-token';

const citizenCf = generateCodiceFiscale({
  cognome: 'Venturi',
  nome: 'Lorenzo',
  dataNascita: '1988-02-26',
  sesso: 'M',
  codiceCatastale: 'I921',
});
const otherCf = generateCodiceFiscale({
  cognome: 'Rossi',
  nome: 'Mario',
  dataNascita: '1990-05-10',
  sesso: 'M',
  codiceCatastale: 'H612',
});
const colleagueCf = generateCodiceFiscale({
  cognome: 'Bianchi',
  nome: 'Giulia',
  dataNascita: '1992-07-15',
  sesso: 'F',
  codiceCatastale: 'F205',
});

const citizen: Actor = { kind: 'citizen', id: citizenCf };
const other: Actor = { kind: 'citizen', id: otherCf };
const ORG = '00097020598';

let issuer: AccessTokenIssuer;
let s3: S3Server;
let s3Dir: string;
let app: NestFastifyApplication;
let baseUrl: string;
let docsDb: pg.Client;
let bucketClient: MinioClient;
let signer: TestSigner;
let stranger: TestSigner;

beforeAll(async () => {
  ({ issuer } = await AccessTokenIssuer.generate());
  s3Dir = await mkdtemp(join(tmpdir(), 'profila-docs-s3-'));
  // No bucket yet: the service must create it at boot.
  s3 = new S3Server({ port: await freePort(), directory: s3Dir, buckets: [] });
  await s3.start();

  const ca = createTestCa();
  signer = issueSignerCertificate(ca, { givenName: 'Lorenzo', surname: 'Venturi', codiceFiscale: citizenCf });
  stranger = issueSignerCertificate(ca, { givenName: 'Mario', surname: 'Rossi', codiceFiscale: otherCf });
  const trustFile = join(s3Dir, 'trust.pem');
  await writeFile(trustFile, toPemBundle([ca]));

  const databaseUrl = await createTestDatabase('docs');
  const env = loadDocumentStoreEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    EVENT_TRANSPORT: 'postgres',
    EVENTS_DATABASE_URL: await createTestDatabase('events'),
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    SERVICE_TOKEN,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.credentials.accessKey,
    S3_SECRET_KEY: s3.credentials.secretKey,
    S3_BUCKET: BUCKET,
    // No admin-verification here: its links are unverifiable (a closed port), never allowed by default.
    ADMIN_VERIFICATION_URL: 'http://127.0.0.1:9',
    DOWNLOAD_LINK_TTL_SECONDS: '60',
    TRUST_LIST_FILE: trustFile,
  });
  app = await createDocumentStoreApp(env);
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();

  docsDb = new pg.Client({ connectionString: databaseUrl });
  await docsDb.connect();
  const endpoint = new URL(s3.endpoint);
  bucketClient = new MinioClient({
    endPoint: endpoint.hostname,
    port: Number(endpoint.port),
    useSSL: false,
    accessKey: s3.credentials.accessKey,
    secretKey: s3.credentials.secretKey,
    region: 'us-east-1',
  });
});

afterAll(async () => {
  await app?.close();
  await docsDb?.end();
  await s3?.stop();
  await rm(s3Dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// helpers

/** A response body: its shape is what the assertions check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Listed {
  id: string;
  status: string;
}

/** Ids of a `{ items }` listing. */
function idsOf(json: Json): string[] {
  return (json.items as Listed[]).map((d) => d.id);
}

async function headers(actor: Actor | 'service' | null): Promise<Record<string, string>> {
  if (actor === null) return {};
  if (actor === 'service') return { [SERVICE_TOKEN_HEADER]: SERVICE_TOKEN, 'x-profila-service': 'registry' };
  return { authorization: `Bearer ${await issuer.issue(actor)}` };
}

async function call(
  method: string,
  path: string,
  actor: Actor | 'service' | null,
  body?: unknown,
): Promise<{ status: number; json: Json; response: Response }> {
  const init: RequestInit = { method, headers: await headers(actor) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.clone().text();
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, response };
}

interface UploadFile {
  bytes: Uint8Array;
  name: string;
  /** What the client claims: never trusted. */
  type?: string;
}

async function upload(
  actor: Actor | 'service',
  fields: Record<string, string>,
  file: UploadFile,
  path = '/documents',
): Promise<{ status: number; json: Json }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(
    'file',
    new Blob([Buffer.from(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
    file.name,
  );
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: await headers(actor), body: form });
  return { status: response.status, json: await response.json() };
}

function sha256(bytes: Uint8Array | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A small but real PDF (any PDF would do: only the first bytes decide the type). */
function pdfBytes(label: string, size = 2048): Uint8Array {
  const head = Buffer.from(`%PDF-1.7\n% ${label}\n`, 'latin1');
  const body = Buffer.alloc(Math.max(0, size - head.length - 6), 0x20);
  return new Uint8Array(Buffer.concat([head, body, Buffer.from('%%EOF\n', 'latin1')]));
}

function pngBytes(size = 1024): Uint8Array {
  const bytes = Buffer.alloc(size, 0);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return new Uint8Array(bytes);
}

async function bucketObjects(): Promise<string[]> {
  const names: string[] = [];
  for await (const item of bucketClient.listObjectsV2(BUCKET, '', true)) names.push((item as { name: string }).name);
  return names.sort();
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await docsDb.query<{ n: string }>(sql, params);
  return Number(rows[0].n);
}

async function uploadOwnIdentityDocument(bytes = pdfBytes('carta identita')): Promise<Json> {
  const res = await upload(
    citizen,
    { kind: 'identity-document', entityType: 'citizen', entityId: citizenCf },
    { bytes, name: 'carta-identità.pdf', type: 'text/plain' },
  );
  expect(res.status).toBe(201);
  return res.json;
}

const DECLARATION_BODY = {
  citizen: {
    nome: 'Lorenzo',
    cognome: 'Venturi',
    dataNascita: '1988-02-26',
    luogoNascita: "San Michele all'Adige (TN)",
  },
  organization: {
    ragioneSociale: 'AZIENDA PROVA 1 SRL',
    codiceFiscale: ORG,
    sedeLegale: { indirizzo: 'Via del Lavoro 12', cap: '38122', comune: 'Trento', provincia: 'TN' },
  },
};

/** The request code of a new association declaration issued to `actor` (what a signed declaration is attached to). */
async function issueDeclaration(actor: Actor = citizen, dataNascita = '1988-02-26'): Promise<string> {
  const body = { ...DECLARATION_BODY, citizen: { ...DECLARATION_BODY.citizen, dataNascita } };
  const res = await call('POST', '/templates/association-declaration', actor, body);
  expect(res.status).toBe(200);
  return res.response.headers.get('x-profila-request-code')!;
}

// ---------------------------------------------------------------------------------------------------------------

describe('boot', () => {
  it('creates the bucket and reports it in the readiness check', async () => {
    expect(await bucketClient.bucketExists(BUCKET)).toBe(true);
    const ready = await call('GET', '/health/ready', null);
    expect(ready.status).toBe(200);
    expect(ready.json.info).toMatchObject({ database: { status: 'up' }, storage: { status: 'up', bucket: BUCKET } });
  });

  it('refuses callers without credentials and with forged tokens', async () => {
    expect((await call('GET', `/documents?entityType=citizen&entityId=${citizenCf}`, null)).status).toBe(401);
    const { issuer: forger } = await AccessTokenIssuer.generate();
    const forged = await fetch(`${baseUrl}/documents?entityType=citizen&entityId=${citizenCf}`, {
      headers: { authorization: `Bearer ${await forger.issue(citizen)}` },
    });
    expect(forged.status).toBe(401);
  });
});

describe('upload, list and download through a short-lived link', () => {
  it('stores the bytes with the type detected from them, lists them, and serves them through a short-lived link', async () => {
    const bytes = pdfBytes('carta di identità di Lorenzo', 50_000);
    const doc = await uploadOwnIdentityDocument(bytes);
    expect(doc).toMatchObject({
      kind: 'identity-document',
      entityType: 'citizen',
      entityId: citizenCf,
      ownerId: citizenCf,
      fileName: 'carta-identità.pdf',
      size: bytes.length,
      contentType: 'application/pdf', // the client said text/plain
      sha256: sha256(bytes),
      uploadedBy: citizenCf,
      status: 'active',
    });

    const list = await call('GET', `/documents?entityType=citizen&entityId=${citizenCf.toLowerCase()}`, citizen);
    expect(list.status).toBe(200);
    expect(idsOf(list.json)).toContain(doc.id);

    const meta = await call('GET', `/documents/${doc.id}`, citizen);
    expect(meta.json).toEqual(doc);

    const before = Date.now();
    const link = await call('POST', `/documents/${doc.id}/download-link`, citizen);
    expect(link.status).toBe(200);
    const expiresIn = new Date(link.json.expiresAt).getTime() - before;
    expect(expiresIn).toBeGreaterThan(50_000);
    expect(expiresIn).toBeLessThanOrEqual(61_000);
    // Served by document-store itself, never a link into the object storage.
    expect(link.json.url).toMatch(/^\/documents\/download\/[A-Za-z0-9_-]{43}$/);

    const download = await fetch(`${baseUrl}${link.json.url}`);
    expect(download.status).toBe(200);
    const downloaded = new Uint8Array(await download.arrayBuffer());
    expect(sha256(downloaded)).toBe(sha256(bytes));
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps every version: a new identity document supersedes the current one, which stays downloadable', async () => {
    const first = await uploadOwnIdentityDocument(pdfBytes('prima versione'));
    const second = await uploadOwnIdentityDocument(pdfBytes('seconda versione'));
    expect(second.version).toBe(first.version + 1);
    expect(second.supersedesId).toBe(first.id);
    expect(first.id).not.toBe(second.id);

    const current = await call('GET', `/documents?entityType=citizen&entityId=${citizenCf}`, citizen);
    const ids = idsOf(current.json);
    expect(ids).toContain(second.id);
    expect(ids).not.toContain(first.id);

    const history = await call('GET', `/documents?entityType=citizen&entityId=${citizenCf}&history=true`, citizen);
    const old = (history.json.items as Listed[]).find((d) => d.id === first.id);
    expect(old?.status).toBe('superseded');
    const link = await call('POST', `/documents/${first.id}/download-link`, citizen);
    const bytes = new Uint8Array(await (await fetch(`${baseUrl}${link.json.url}`)).arrayBuffer());
    expect(sha256(bytes)).toBe(first.sha256); // the first object was never overwritten
  });

  it('records document.stored in the outbox with the metadata row', async () => {
    const doc = await uploadOwnIdentityDocument();
    const { rows } = await docsDb.query<{ topic: string; key: string; envelope: Json }>(
      `SELECT topic, key, envelope FROM outbox WHERE envelope->>'aggregateId' = $1`,
      [doc.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].topic).toBe('document-store.document.v1');
    expect(rows[0].key).toBe(doc.id);
    expect(rows[0].envelope).toMatchObject({
      type: 'document.stored',
      actor: { kind: 'citizen', id: citizenCf },
      data: {
        documentId: doc.id,
        kind: 'identity-document',
        entityType: 'citizen',
        entityId: citizenCf,
        ownerId: citizenCf,
        fileName: doc.fileName,
        size: doc.size,
        contentType: 'application/pdf',
        sha256: doc.sha256,
        version: doc.version,
      },
    });
  });
});

describe('who may see a document', () => {
  it("a citizen cannot see, download, list or delete another citizen's document: it does not exist for them", async () => {
    const doc = await uploadOwnIdentityDocument();

    const get = await call('GET', `/documents/${doc.id}`, other);
    expect(get.status).toBe(404);
    expect(get.json.code).toBe('DOCUMENT_NOT_FOUND');
    const link = await call('POST', `/documents/${doc.id}/download-link`, other);
    expect(link.status).toBe(404);
    expect(link.json.url).toBeUndefined();
    expect((await call('DELETE', `/documents/${doc.id}`, other)).status).toBe(404);
    const list = await call('GET', `/documents?entityType=citizen&entityId=${citizenCf}`, other);
    expect(list.status).toBe(200);
    expect(list.json.items).toEqual([]);

    // Same answer as for an id that does not exist at all.
    const missing = await call('GET', '/documents/0b0e3a52-8b8b-4a8f-9d55-3f6f0c6a0a11', other);
    expect({ status: missing.status, code: missing.json.code }).toEqual({ status: 404, code: 'DOCUMENT_NOT_FOUND' });
  });

  it('a citizen cannot attach documents to another person or to an organisation they do not act for', async () => {
    const before = await bucketObjects();
    const forOther = await upload(
      citizen,
      { kind: 'identity-document', entityType: 'citizen', entityId: otherCf },
      { bytes: pdfBytes('x'), name: 'x.pdf' },
    );
    expect(forOther.status).toBe(403);
    expect(forOther.json.code).toBe('UPLOAD_NOT_ALLOWED');
    const forOrg = await upload(
      citizen,
      { kind: 'atto-di-nomina', entityType: 'organization', entityId: ORG },
      { bytes: pdfBytes('x'), name: 'x.pdf' },
    );
    expect(forOrg.status).toBe(403);
    expect(await bucketObjects()).toEqual(before);
  });

  it('operators see the documents of their territory only', async () => {
    const requestId = 'avr-2025-000123';
    // Filed by the service owning the request, on the citizen's behalf, for the operators of its territory.
    const uploaded = await upload(
      'service',
      {
        kind: 'delega-document',
        entityType: 'admin-verification-request',
        entityId: requestId,
        territory: 'TN',
        ownerId: citizenCf,
      },
      { bytes: pngBytes(), name: 'delega.png' },
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.json).toMatchObject({ contentType: 'image/png', territory: 'TN', ownerId: citizenCf });

    const trento: Actor = { kind: 'operator', id: 'op-trento', territories: ['TN', 'CPI-TN-01'] };
    const bolzano: Actor = { kind: 'operator', id: 'op-bolzano', territories: ['BZ'] };
    expect((await call('GET', `/documents/${uploaded.json.id}`, trento)).status).toBe(200);
    const link = await call('POST', `/documents/${uploaded.json.id}/download-link`, trento);
    expect(link.status).toBe(200);
    const downloaded = await fetch(`${baseUrl}${link.json.url}`);
    expect(sha256(new Uint8Array(await downloaded.arrayBuffer()))).toBe(uploaded.json.sha256);
    const listed = await call('GET', `/documents?entityType=admin-verification-request&entityId=${requestId}`, trento);
    expect(idsOf(listed.json)).toEqual([uploaded.json.id]);

    expect((await call('GET', `/documents/${uploaded.json.id}`, bolzano)).status).toBe(404);
    expect((await call('POST', `/documents/${uploaded.json.id}/download-link`, bolzano)).status).toBe(404);
    const notListed = await call(
      'GET',
      `/documents?entityType=admin-verification-request&entityId=${requestId}`,
      bolzano,
    );
    expect(notListed.json.items).toEqual([]);
    // Operators review documents, they do not delete them.
    expect((await call('DELETE', `/documents/${uploaded.json.id}`, trento)).status).toBe(403);
    // The citizen it was filed for sees it.
    expect((await call('GET', `/documents/${uploaded.json.id}`, citizen)).status).toBe(200);
  });

  it('whoever acts for an organisation sees its documents; acting for another one or as a person does not', async () => {
    const admin: Actor = { kind: 'citizen', id: citizenCf, actingFor: ORG };
    const uploaded = await upload(
      admin,
      { kind: 'atto-di-nomina', entityType: 'organization', entityId: ORG },
      { bytes: pdfBytes('atto di nomina'), name: 'atto.pdf' },
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.json.ownerId).toBe(ORG);

    const colleague: Actor = { kind: 'citizen', id: colleagueCf, actingFor: ORG };
    expect((await call('GET', `/documents/${uploaded.json.id}`, colleague)).status).toBe(200);
    expect((await call('POST', `/documents/${uploaded.json.id}/download-link`, colleague)).status).toBe(200);
    const listed = await call('GET', `/documents?entityType=organization&entityId=${ORG}`, colleague);
    expect(idsOf(listed.json)).toContain(uploaded.json.id);

    const forAnother: Actor = { kind: 'citizen', id: colleagueCf, actingFor: '01234567897' };
    const asPerson: Actor = { kind: 'citizen', id: colleagueCf };
    for (const actor of [forAnother, asPerson]) {
      expect((await call('GET', `/documents/${uploaded.json.id}`, actor)).status).toBe(404);
      expect((await call('POST', `/documents/${uploaded.json.id}/download-link`, actor)).status).toBe(404);
      const list = await call('GET', `/documents?entityType=organization&entityId=${ORG}`, actor);
      expect(list.json.items).toEqual([]);
    }
    // Services see everything (they authorise their own callers).
    expect((await call('GET', `/documents/${uploaded.json.id}`, 'service')).status).toBe(200);
  });
});

describe('refused uploads leave nothing behind', () => {
  async function snapshot() {
    return {
      objects: await bucketObjects(),
      documents: await count('SELECT count(*) AS n FROM document'),
      events: await count('SELECT count(*) AS n FROM outbox'),
    };
  }

  it('a signed declaration of 3 MB + 1 byte gets 413, no object, no row, no event', async () => {
    const before = await snapshot();
    const res = await upload(
      citizen,
      { kind: 'signed-declaration', entityType: 'association-request', entityId: await issueDeclaration() },
      { bytes: pdfBytes('troppo grande', 3 * MB + 1), name: 'dichiarazione.pdf', type: 'application/pdf' },
    );
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('DOCUMENT_TOO_LARGE');
    expect(res.json.message).toBe(
      'Il file supera la dimensione massima consentita per dichiarazione firmata digitalmente (3 MB).',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('exactly 3 MB is accepted', async () => {
    const res = await upload(
      citizen,
      { kind: 'signed-declaration', entityType: 'association-request', entityId: await issueDeclaration() },
      { bytes: pdfBytes('al limite', 3 * MB), name: 'dichiarazione.pdf' },
    );
    expect(res.status).toBe(201);
    expect(res.json.size).toBe(3 * MB);
  });

  it('a file of a type the kind does not allow gets 415, whatever its name says', async () => {
    const before = await snapshot();
    const res = await upload(
      citizen,
      { kind: 'signed-declaration', entityType: 'association-request', entityId: await issueDeclaration() },
      { bytes: pngBytes(200_000), name: 'dichiarazione.pdf', type: 'application/pdf' },
    );
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({ code: 'CONTENT_TYPE_NOT_ALLOWED' });
    expect(res.json.message).toContain('rilevato: immagine PNG');
    expect(await snapshot()).toEqual(before);

    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(5000, 1)]);
    const renamed = await upload(
      citizen,
      { kind: 'identity-document', entityType: 'citizen', entityId: citizenCf },
      { bytes: new Uint8Array(zip), name: 'documento.pdf' },
    );
    expect(renamed.status).toBe(415);
    expect(await snapshot()).toEqual(before);
  });

  it('an empty file, missing fields or fields after the file get 400 and change nothing', async () => {
    const before = await snapshot();
    const empty = await upload(
      citizen,
      { kind: 'identity-document', entityType: 'citizen', entityId: citizenCf },
      { bytes: new Uint8Array(0), name: 'vuoto.pdf' },
    );
    expect({ status: empty.status, code: empty.json.code }).toEqual({ status: 400, code: 'EMPTY_DOCUMENT' });

    const noKind = await upload(
      citizen,
      { entityType: 'citizen', entityId: citizenCf },
      { bytes: pdfBytes('x'), name: 'x.pdf' },
    );
    // The one VALIDATION_FAILED shape of JSON bodies, for the fields of a form too.
    expect(noKind.status).toBe(400);
    expect(noKind.json).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Dati non validi' });
    expect(noKind.json.details.fields).toEqual({ kind: expect.stringContaining('Tipo di documento non ammesso') });

    const form = new FormData();
    form.append('file', new Blob([Buffer.from(pdfBytes('x'))]), 'x.pdf');
    form.append('kind', 'identity-document');
    const late = await fetch(`${baseUrl}/documents`, { method: 'POST', headers: await headers(citizen), body: form });
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: { kind: expect.any(String) } },
    });

    const json = await call('POST', '/documents', citizen, { kind: 'identity-document' });
    expect({ status: json.status, code: json.json.code }).toEqual({ status: 415, code: 'NOT_MULTIPART' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('soft delete', () => {
  it('a deleted document is no longer listed nor downloadable, its bytes stay, and document.deleted is recorded', async () => {
    // Filed by the RAA service for the citizen, who owns it and may delete it.
    const doc = await upload(
      'service',
      { kind: 'raa-attachment', entityType: 'raa-request', entityId: 'raa-42', ownerId: citizenCf },
      { bytes: pdfBytes('allegato'), name: 'allegato.pdf' },
    );
    expect(doc.status).toBe(201);
    const id = doc.json.id as string;
    const issuedBefore = await call('POST', `/documents/${id}/download-link`, citizen);
    expect((await fetch(`${baseUrl}${issuedBefore.json.url}`)).status).toBe(200);

    const deleted = await call('DELETE', `/documents/${id}`, citizen);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ id, status: 'deleted' });
    expect(deleted.json.deletedAt).toEqual(expect.any(String));

    const list = await call('GET', '/documents?entityType=raa-request&entityId=raa-42&history=true', citizen);
    expect(idsOf(list.json)).not.toContain(id);
    const link = await call('POST', `/documents/${id}/download-link`, citizen);
    expect({ status: link.status, code: link.json.code }).toEqual({ status: 410, code: 'DOCUMENT_DELETED' });
    // The link issued before the deletion is revoked at once, not at its expiry.
    const revoked = await fetch(`${baseUrl}${issuedBefore.json.url}`);
    expect(revoked.status).toBe(404);
    expect(await revoked.json()).toMatchObject({ code: 'DOWNLOAD_LINK_INVALID' });
    expect(await count('SELECT count(*) AS n FROM download_link WHERE document_id = $1', [id])).toBe(0);
    const again = await call('DELETE', `/documents/${id}`, citizen);
    expect({ status: again.status, code: again.json.code }).toEqual({
      status: 409,
      code: 'INVALID_STATUS_TRANSITION',
    });

    const { rows } = await docsDb.query<{ object_key: string }>('SELECT object_key FROM document WHERE id = $1', [id]);
    expect(await bucketObjects()).toContain(rows[0].object_key);
    const events = await docsDb.query<{ type: string }>(
      `SELECT envelope->>'type' AS type FROM outbox WHERE envelope->>'aggregateId' = $1 ORDER BY seq`,
      [id],
    );
    expect(events.rows.map((r) => r.type)).toEqual(['document.stored', 'document.deleted']);
  });
});

describe('generated PDFs', () => {
  const declarationBody = DECLARATION_BODY;

  async function declaration(actor: Actor = citizen): Promise<{ bytes: Uint8Array; requestCode: string }> {
    const res = await call('POST', '/templates/association-declaration', actor, declarationBody);
    expect(res.status).toBe(200);
    const requestCode = res.response.headers.get('x-profila-request-code')!;
    return { bytes: new Uint8Array(await res.response.arrayBuffer()), requestCode };
  }

  it('the association declaration is a PDF carrying its request code, recorded with its hash', async () => {
    const res = await call('POST', '/templates/association-declaration', citizen, declarationBody);
    expect(res.status).toBe(200);
    expect(res.response.headers.get('content-type')).toBe('application/pdf');
    expect(res.response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="dichiarazione-associazione-ASS-/,
    );
    const requestCode = res.response.headers.get('x-profila-request-code')!;
    expect(requestCode).toMatch(/^ASS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const bytes = new Uint8Array(await res.response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(await readRequestCode(bytes)).toBe(requestCode);

    const { rows } = await docsDb.query('SELECT * FROM association_request WHERE request_code = $1', [requestCode]);
    expect(rows[0]).toMatchObject({
      citizen_cf: citizenCf,
      organization_cf: ORG,
      sha256: sha256(bytes),
      size: bytes.length,
    });
  });

  it('refuses a birth date that contradicts the codice fiscale of the login, and invalid organisation codes', async () => {
    const wrongDate = await call('POST', '/templates/association-declaration', citizen, {
      ...declarationBody,
      citizen: { ...declarationBody.citizen, dataNascita: '1988-02-27' },
    });
    expect({ status: wrongDate.status, code: wrongDate.json.code }).toEqual({
      status: 400,
      code: 'DECLARANT_DATA_MISMATCH',
    });
    const wrongOrg = await call('POST', '/templates/association-declaration', citizen, {
      ...declarationBody,
      organization: { ...declarationBody.organization, codiceFiscale: '00097020599' },
    });
    expect(wrongOrg.status).toBe(400);
    expect(wrongOrg.json).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: { 'organization.codiceFiscale': "Codice fiscale dell'organizzazione non valido" } },
    });
    expect(
      await count('SELECT count(*) AS n FROM association_request WHERE citizen_cf = $1 AND organization_cf = $2', [
        citizenCf,
        '00097020599',
      ]),
    ).toBe(0);
  });

  it('the delega template downloads blank, or filled with the data given', async () => {
    const blank = await call('GET', '/templates/delega?portal=Portale%20Trentino%20Lavoro', citizen);
    expect(blank.status).toBe(200);
    expect(blank.response.headers.get('content-type')).toBe('application/pdf');
    const blankBytes = new Uint8Array(await blank.response.arrayBuffer());
    expect(await readRequestCode(blankBytes)).toMatch(/^DLG-/);

    const filled = await call('POST', '/templates/delega', citizen, {
      organization: declarationBody.organization,
      amministratore: {
        nome: 'Giulia',
        cognome: 'Bianchi',
        codiceFiscale: colleagueCf,
        dataNascita: '1992-07-15',
        luogoNascita: 'Milano (MI)',
        email: 'giulia.bianchi@example.it',
      },
      portal: 'Portale Trentino Lavoro',
    });
    expect(filled.status).toBe(200);
    const filledBytes = new Uint8Array(await filled.response.arrayBuffer());
    expect(await readRequestCode(filledBytes)).toBe(filled.response.headers.get('x-profila-request-code'));
  });

  describe('signature inspection of the signed declaration', () => {
    async function inspect(actor: Actor | 'service', requestCode: string, file: UploadFile) {
      return upload(actor, { requestCode }, file, '/signatures/inspect');
    }

    it('accepts the CAdES envelope of our PDF signed by the citizen, naming the signer', async () => {
      const pdf = await declaration();
      const p7m = await signCades(pdf.bytes, signer);
      const res = await inspect(citizen, pdf.requestCode, { bytes: p7m, name: 'dichiarazione.pdf.p7m' });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        acceptable: true,
        format: 'CAdES',
        hasSignature: true,
        signatureIntact: true,
        certificatesValid: true,
        issuerTrusted: true,
        signerMatchesCitizen: true,
        contentMatchesExpected: true,
        contentMatch: 'identical',
        requestCode: pdf.requestCode,
        problems: [],
      });
      expect(res.json.signers[0]).toMatchObject({ name: 'LORENZO VENTURI', codiceFiscale: citizenCf });
      expect(res.json.signedContent).toBeUndefined();
    });

    it('accepts the PAdES signature of our PDF by the citizen', async () => {
      const pdf = await declaration();
      const signed = await signPades(pdf.bytes, signer);
      const res = await inspect(citizen, pdf.requestCode, { bytes: signed, name: 'dichiarazione.pdf' });
      expect(res.json).toMatchObject({ acceptable: true, format: 'PAdES', contentMatch: 'original-prefix' });
    });

    it('refuses a declaration signed by someone else, saying who signed', async () => {
      const pdf = await declaration();
      const p7m = await signCades(pdf.bytes, stranger);
      const res = await inspect(citizen, pdf.requestCode, { bytes: p7m, name: 'dichiarazione.pdf.p7m' });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ acceptable: false, signatureIntact: true, signerMatchesCitizen: false });
      expect(res.json.signers[0].codiceFiscale).toBe(otherCf);
      const problem = (res.json.problems as Array<{ code: string; message: string }>).find(
        (p) => p.code === 'SIGNER_NOT_CITIZEN',
      );
      expect(problem).toMatchObject({ severity: 'error' });
      expect(problem?.message).toContain(otherCf);
      expect(problem?.message).toContain(citizenCf);
    });

    it("answers 404 for another citizen's request code, and checks a service's request against its citizen", async () => {
      const pdf = await declaration();
      const p7m = await signCades(pdf.bytes, signer);
      const foreign = await inspect(other, pdf.requestCode, { bytes: p7m, name: 'x.p7m' });
      expect({ status: foreign.status, code: foreign.json.code }).toEqual({ status: 404, code: 'REQUEST_NOT_FOUND' });

      const byService = await inspect('service', pdf.requestCode, { bytes: p7m, name: 'x.p7m' });
      expect(byService.json).toMatchObject({ acceptable: true, signerMatchesCitizen: true });
    });

    it('answers a malformed request code with the one VALIDATION_FAILED shape', async () => {
      const res = await inspect(citizen, 'non-un-codice', { bytes: pdfBytes('x'), name: 'x.pdf' });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: { requestCode: 'Codice richiesta non valido (es. ASS-7K3F-9Q2M-X4TB)' } },
      });
    });

    it('store=true: a service inspects and stores an acceptable declaration in one call, a refused one not at all', async () => {
      const organizationId = '6f1c2a4e-1d7b-4b8e-9a51-3c2f0d9e8a10';
      const place = { entityType: 'organization', entityId: organizationId, ownerId: citizenCf };
      const documentsOf = () =>
        count(`SELECT count(*) AS n FROM document WHERE entity_id = $1 AND kind = 'signed-declaration'`, [
          organizationId,
        ]);
      const objectsBefore = (await bucketObjects()).length;

      const refusedPdf = await declaration();
      const bySomeoneElse = await signCades(refusedPdf.bytes, stranger);
      const refused = await upload(
        'service',
        { requestCode: refusedPdf.requestCode, ...place },
        { bytes: bySomeoneElse, name: 'dichiarazione.pdf.p7m' },
        '/signatures/inspect?store=true',
      );
      expect(refused.status).toBe(200);
      expect(refused.json).toMatchObject({ acceptable: false, signerMatchesCitizen: false, documentId: null });
      expect(await documentsOf()).toBe(0);
      expect((await bucketObjects()).length).toBe(objectsBefore);

      const pdf = await declaration();
      const signed = await signPades(pdf.bytes, signer);
      const res = await upload(
        'service',
        { requestCode: pdf.requestCode, ...place },
        { bytes: signed, name: 'dichiarazione.pdf' },
        '/signatures/inspect?store=true',
      );
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ acceptable: true, format: 'PAdES', signerMatchesCitizen: true });
      const { rows } = await docsDb.query('SELECT * FROM document WHERE id = $1', [res.json.documentId]);
      expect(rows[0]).toMatchObject({
        kind: 'signed-declaration',
        entity_type: 'organization',
        entity_id: organizationId,
        owner_id: citizenCf,
        sha256: sha256(signed),
      });
      expect((await bucketObjects()).length).toBe(objectsBefore + 1);

      const byCitizen = await upload(
        citizen,
        { requestCode: pdf.requestCode, ...place },
        { bytes: signed, name: 'dichiarazione.pdf' },
        '/signatures/inspect?store=true',
      );
      expect({ status: byCitizen.status, code: byCitizen.json.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      expect(await documentsOf()).toBe(1);
    });

    it('refuses a signed file over 3 MB before inspecting it', async () => {
      const pdf = await declaration();
      const res = await inspect(citizen, pdf.requestCode, { bytes: pdfBytes('grande', 3 * MB + 1), name: 'x.pdf' });
      expect({ status: res.status, code: res.json.code }).toEqual({ status: 413, code: 'DOCUMENT_TOO_LARGE' });
    });
  });

  describe('signature verdict of a stored document (what the back office shows beside it)', () => {
    async function stored(bytes: Uint8Array, name: string): Promise<string> {
      const res = await upload(
        citizen,
        { kind: 'identity-document', entityType: 'citizen', entityId: citizenCf },
        { bytes, name },
      );
      expect(res.status).toBe(201);
      return res.json.id as string;
    }
    const verdictOf = (id: string, query = '') => call('GET', `/signatures/documents/${id}${query}`, 'service');

    it('names the signer of a signed PDF and says whether it is the person expected', async () => {
      const signed = await signPades((await declaration()).bytes, signer);
      const id = await stored(signed, 'documento-firmato.pdf');
      const byCitizen = await verdictOf(id, `?expectedSigner=${citizenCf}`);
      expect(byCitizen.status).toBe(200);
      expect(byCitizen.json).toMatchObject({
        documentId: id,
        acceptable: true,
        format: 'PAdES',
        hasSignature: true,
        signatureIntact: true,
        issuerTrusted: true,
        certificatesValid: true,
        signerMatchesCitizen: true,
      });
      expect(byCitizen.json.signers[0]).toMatchObject({ name: 'LORENZO VENTURI', codiceFiscale: citizenCf });

      const bySomeoneElse = await verdictOf(id, `?expectedSigner=${otherCf}`);
      expect(bySomeoneElse.json).toMatchObject({ acceptable: false, signerMatchesCitizen: false });
      expect((bySomeoneElse.json.problems as Array<{ code: string }>).map((p) => p.code)).toContain(
        'SIGNER_NOT_CITIZEN',
      );
    });

    it('an image is no signed document; only services ask; unknown ids and bad codici fiscali are refused', async () => {
      const id = await stored(pngBytes(), 'documento.png');
      const image = await verdictOf(id);
      expect(image.status).toBe(200);
      expect(image.json).toMatchObject({ documentId: id, hasSignature: false, acceptable: false });

      const asOwner = await call('GET', `/signatures/documents/${id}`, citizen);
      expect(asOwner.status).toBe(403);
      expect((await verdictOf(randomUUID())).status).toBe(404);
      expect((await verdictOf('not-a-uuid')).status).toBe(404);
      const badCf = await verdictOf(id, '?expectedSigner=RSSMRA80A01H501X');
      expect({ status: badCf.status, code: badCf.json.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });
  });
});

describe('downloads serve only the bytes that were uploaded (#8.7)', () => {
  async function objectKeyOf(id: string): Promise<string> {
    const { rows } = await docsDb.query<{ object_key: string }>('SELECT object_key FROM document WHERE id = $1', [id]);
    return rows[0].object_key;
  }

  it('an object overwritten behind the store is refused with 502, before and after the link was issued', async () => {
    const original = pdfBytes('originale');
    const doc = await uploadOwnIdentityDocument(original);
    const issuedBefore = await call('POST', `/documents/${doc.id}/download-link`, citizen);

    // Someone with access to the bucket replaces the bytes, keeping the size.
    const tampered = Buffer.from(original);
    tampered.write('MANOMESSO', 20, 'latin1');
    // The embedded endpoint is write-once, but whoever holds the keys can delete and re-create an object (and a
    // MinIO bucket without object lock lets them overwrite it): the store must not trust what it reads back.
    const tamperedKey = await objectKeyOf(doc.id);
    await bucketClient.removeObject(BUCKET, tamperedKey);
    await bucketClient.putObject(BUCKET, tamperedKey, tampered, tampered.length);

    for (const url of [
      issuedBefore.json.url,
      (await call('POST', `/documents/${doc.id}/download-link`, citizen)).json.url,
    ]) {
      const res = await fetch(`${baseUrl}${url}`);
      expect(res.status).toBe(502);
      const body = await res.text();
      expect(body).not.toContain('MANOMESSO');
      expect(JSON.parse(body)).toMatchObject({ code: 'DOCUMENT_INTEGRITY_FAILED' });
      expect(JSON.parse(body).message).toContain('non corrisponde');
    }
  });

  it('a removed or truncated object is refused too', async () => {
    const doc = await uploadOwnIdentityDocument(pdfBytes('da rimuovere'));
    const key = await objectKeyOf(doc.id);
    await bucketClient.removeObject(BUCKET, key);
    await bucketClient.putObject(BUCKET, key, Buffer.from('%PDF-1.7\n'), 9);
    let link = await call('POST', `/documents/${doc.id}/download-link`, citizen);
    expect((await fetch(`${baseUrl}${link.json.url}`)).status).toBe(502);
    await bucketClient.removeObject(BUCKET, key);
    link = await call('POST', `/documents/${doc.id}/download-link`, citizen);
    expect((await fetch(`${baseUrl}${link.json.url}`)).status).toBe(502);
  });
});

describe('download links (#8.11)', () => {
  it('live at most 60 s, an expired or made-up token downloads nothing', async () => {
    const doc = await uploadOwnIdentityDocument();
    const before = Date.now();
    const link = await call('POST', `/documents/${doc.id}/download-link`, citizen);
    expect(new Date(link.json.expiresAt).getTime() - before).toBeLessThanOrEqual(61_000);
    // The row keeps only the token's hash.
    const token = (link.json.url as string).split('/').pop()!;
    expect(
      await count('SELECT count(*) AS n FROM download_link WHERE token_sha256 = $1', [sha256(Buffer.from(token))]),
    ).toBe(1);

    await docsDb.query(`UPDATE download_link SET expires_at = now() - interval '1 second' WHERE document_id = $1`, [
      doc.id,
    ]);
    const expired = await fetch(`${baseUrl}${link.json.url}`);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toMatchObject({ code: 'DOWNLOAD_LINK_INVALID' });
    expect((await fetch(`${baseUrl}/documents/download/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/documents/download/..%2f..%2fetc`)).status).toBe(404);
  });

  it('behind the gateway the link carries its /api/<service> prefix', async () => {
    const doc = await uploadOwnIdentityDocument();
    const res = await fetch(`${baseUrl}/documents/${doc.id}/download-link`, {
      method: 'POST',
      headers: { ...(await headers(citizen)), 'x-forwarded-prefix': '/api/document-store' },
    });
    expect(((await res.json()) as { url: string }).url).toMatch(/^\/api\/document-store\/documents\/download\//);
    const odd = await fetch(`${baseUrl}/documents/${doc.id}/download-link`, {
      method: 'POST',
      headers: { ...(await headers(citizen)), 'x-forwarded-prefix': '//evil.example' },
    });
    expect(((await odd.json()) as { url: string }).url).toMatch(/^\/documents\/download\//);
  });
});

describe('file names (#8.12, #8.13)', () => {
  it('a PDF/HTML polyglot named report.html is stored and served as report.pdf, as an attachment, never sniffed', async () => {
    const polyglot = Buffer.concat([
      Buffer.from('%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n', 'latin1'),
      Buffer.from(pdfBytes('resto', 3000)).subarray(9),
    ]);
    const res = await upload(
      citizen,
      { kind: 'identity-document', entityType: 'citizen', entityId: citizenCf },
      { bytes: new Uint8Array(polyglot), name: 'report.html', type: 'text/html' },
    );
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ fileName: 'report.pdf', contentType: 'application/pdf' });
    const link = await call('POST', `/documents/${res.json.id}/download-link`, citizen);
    const download = await fetch(`${baseUrl}${link.json.url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('bidi and other control characters, paths and leading dots are removed from names', async () => {
    const cases: Array<[string, string]> = [
      ['fattura\u202efdp.exe', 'fatturafdp.pdf'],
      ['\u2066carta\u2069\u200f identità\u200e.pdf', 'carta identità.pdf'],
      ['..\\..\\segreto\u0000\u0085.pdf', 'segreto.pdf'],
      ['.nascosto.pdf', 'nascosto.pdf'],
    ];
    for (const [name, stored] of cases) {
      const res = await upload(
        citizen,
        { kind: 'identity-document', entityType: 'citizen', entityId: citizenCf },
        { bytes: pdfBytes(name), name },
      );
      expect({ name, status: res.status, fileName: res.json.fileName }).toEqual({
        name,
        status: 201,
        fileName: stored,
      });
    }
  });
});

describe('linked entities must be confirmed by their owner (#8.14)', () => {
  async function snapshot() {
    return { objects: await bucketObjects(), documents: await count('SELECT count(*) AS n FROM document') };
  }

  it('a citizen cannot attach files to requests whose owning service cannot confirm them yet', async () => {
    const before = await snapshot();
    const cases = [
      { kind: 'raa-attachment', entityType: 'raa-request', entityId: 'raa-1' },
      { kind: 'delega-document', entityType: 'admin-verification-request', entityId: 'avr-1' },
      { kind: 'delega-document', entityType: 'delega', entityId: 'dlg-1' },
    ];
    for (const fields of cases) {
      const res = await upload(citizen, fields, { bytes: pdfBytes('x'), name: 'x.pdf' });
      expect({ entityType: fields.entityType, status: res.status, code: res.json.code }).toEqual({
        entityType: fields.entityType,
        status: 422,
        code: 'LINKED_ENTITY_NOT_VERIFIABLE',
      });
      expect(res.json.message).toMatch(
        // admin-verification and raa are asked (and not reachable here); deleghe cannot be confirmed yet at all
        fields.entityType === 'delega' ? /non può confermarla/ : /non ha potuto confermare/,
      );
    }
    // Operators name requests too: the same refusal.
    const operator: Actor = { kind: 'operator', id: 'op-trento', territories: ['TN'] };
    const byOperator = await upload(
      operator,
      { kind: 'raa-attachment', entityType: 'raa-request', entityId: 'raa-1', territory: 'TN' },
      { bytes: pdfBytes('x'), name: 'x.pdf' },
    );
    expect(byOperator.json.code).toBe('LINKED_ENTITY_NOT_VERIFIABLE');
    expect(await snapshot()).toEqual(before);
  });

  it('a signed declaration goes only to an association request issued to the citizen uploading it', async () => {
    const before = await snapshot();
    const othersCode = await issueDeclaration(other, '1990-05-10');
    for (const entityId of [othersCode, 'ASS-0000-0000-0000']) {
      const res = await upload(
        citizen,
        { kind: 'signed-declaration', entityType: 'association-request', entityId },
        { bytes: pdfBytes('x'), name: 'x.pdf' },
      );
      expect({ status: res.status, code: res.json.code }).toEqual({ status: 403, code: 'LINKED_ENTITY_NOT_CONFIRMED' });
    }
    expect(await snapshot()).toEqual(before);

    const own = await upload(
      { ...citizen, actingFor: ORG },
      { kind: 'signed-declaration', entityType: 'association-request', entityId: await issueDeclaration() },
      { bytes: pdfBytes('firmata'), name: 'dichiarazione.pdf' },
    );
    expect(own.status).toBe(201);
    expect(own.json).toMatchObject({ ownerId: citizenCf, territory: null }); // the declarant's, from the request
  });

  it('a citizen never picks the territory; services still file anywhere for the entity they own', async () => {
    const own = await upload(
      citizen,
      { kind: 'identity-document', entityType: 'citizen', entityId: citizenCf, territory: 'TN' },
      { bytes: pdfBytes('x'), name: 'x.pdf' },
    );
    expect({ status: own.status, code: own.json.code }).toEqual({ status: 403, code: 'UPLOAD_NOT_ALLOWED' });
    expect(own.json.message).toContain('territorio');

    const byService = await upload(
      'service',
      { kind: 'raa-attachment', entityType: 'raa-request', entityId: 'raa-7', territory: 'TN', ownerId: citizenCf },
      { bytes: pdfBytes('x'), name: 'x.pdf' },
    );
    expect(byService.status).toBe(201);
    expect(byService.json).toMatchObject({ territory: 'TN', ownerId: citizenCf });
  });

  it('the HTTP adapter asks the owning service with the service token and trusts only a clear yes', async () => {
    const seen: Array<{ url: string; token: string | undefined }> = [];
    let answer: { status: number; body: unknown } = { status: 200, body: {} };
    const owner = createServer((req, res) => {
      seen.push({ url: req.url ?? '', token: req.headers[SERVICE_TOKEN_HEADER] as string | undefined });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => owner.listen(0, '127.0.0.1', resolve));
    const { port } = owner.address() as AddressInfo;
    try {
      const verifier = new OwnerServiceLinkVerifier('raa-request', {
        name: 'raa',
        baseUrl: `http://127.0.0.1:${port}`,
        serviceToken: SERVICE_TOKEN,
      });
      const asking: Actor = { kind: 'citizen', id: citizenCf, actingFor: ORG };
      answer = { status: 200, body: { allowed: true, ownerId: ORG, territory: 'TN' } };
      expect(await verifier.confirm(asking, 'raa 1/2')).toEqual({ confirmed: true, ownerId: ORG, territory: 'TN' });
      expect(seen[0]).toEqual({
        url: `/document-links/raa-request/raa%201%2F2?actorKind=citizen&actorId=${citizenCf}&actingFor=${ORG}`,
        token: SERVICE_TOKEN,
      });
      answer = { status: 200, body: { allowed: false } };
      expect(await verifier.confirm(asking, 'r')).toMatchObject({ confirmed: false, reason: 'refused' });
      answer = { status: 404, body: {} };
      expect(await verifier.confirm(asking, 'r')).toMatchObject({ confirmed: false, reason: 'refused' });
      answer = { status: 500, body: { allowed: true, ownerId: ORG } };
      expect(await verifier.confirm(asking, 'r')).toMatchObject({ confirmed: false, reason: 'unverifiable' });
      answer = { status: 200, body: { allowed: true } }; // no owner: not a usable confirmation
      expect(await verifier.confirm(asking, 'r')).toMatchObject({ confirmed: false, reason: 'unverifiable' });
    } finally {
      await new Promise((resolve) => owner.close(resolve));
    }
    const unreachable = new OwnerServiceLinkVerifier('raa-request', {
      name: 'raa',
      baseUrl: `http://127.0.0.1:${port}`,
      serviceToken: SERVICE_TOKEN,
    });
    expect(await unreachable.confirm(citizen, 'r')).toMatchObject({ confirmed: false, reason: 'unverifiable' });
  });
});

describe('objects left by interrupted uploads are swept (#8.15)', () => {
  it('removes the object of a stale upload claim and objects no row points to, and keeps everything live', async () => {
    const sweeper = app.get(UploadSweeper);
    const kept = await uploadOwnIdentityDocument(pdfBytes('da tenere'));
    const sweepAt = new Date(Date.now() + 60 * 60_000); // an hour later: every object written now is old enough
    const staleKey = `documents/2025-01/${randomUUID()}`;
    const freshKey = `documents/2025-01/${randomUUID()}`;
    const orphanKey = `documents/2025-01/${randomUUID()}`;
    const outsideKey = `altro/${randomUUID()}`;
    for (const key of [staleKey, freshKey, orphanKey, outsideKey]) {
      await bucketClient.putObject(BUCKET, key, Buffer.from('%PDF-1.7 dati personali'), 23);
    }
    // What a SIGKILL between the write and the commit leaves: a committed claim and its object, no document.
    await docsDb.query('INSERT INTO pending_upload (object_key, document_id, started_at) VALUES ($1, $2, $3)', [
      staleKey,
      randomUUID(),
      new Date(sweepAt.getTime() - 16 * 60_000),
    ]);
    // An upload still in progress at sweep time.
    await docsDb.query('INSERT INTO pending_upload (object_key, document_id, started_at) VALUES ($1, $2, $3)', [
      freshKey,
      randomUUID(),
      new Date(sweepAt.getTime() - 60_000),
    ]);
    // An expired link is dropped too.
    await docsDb.query(
      `INSERT INTO download_link (token_sha256, document_id, issued_to, issued_at, expires_at)
       VALUES ($1, $2, $3, now(), now())`,
      ['f'.repeat(64), kept.id, citizenCf],
    );

    const report = await sweeper.sweep(sweepAt);
    expect(report).toMatchObject({ ran: true, staleClaims: 1, orphanObjects: 1 });
    expect(report.expiredLinks).toBeGreaterThanOrEqual(1);

    const objects = await bucketObjects();
    expect(objects).not.toContain(staleKey);
    expect(objects).not.toContain(orphanKey);
    expect(objects).toEqual(expect.arrayContaining([freshKey, outsideKey, await objectKeyOfDocument(kept.id)]));
    expect(await count('SELECT count(*) AS n FROM pending_upload WHERE object_key = $1', [staleKey])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM pending_upload WHERE object_key = $1', [freshKey])).toBe(1);
    // The live document still downloads, intact.
    const link = await call('POST', `/documents/${kept.id}/download-link`, citizen);
    expect((await fetch(`${baseUrl}${link.json.url}`)).status).toBe(200);

    // Nothing left to do on the next pass.
    expect(await sweeper.sweep(sweepAt)).toMatchObject({ staleClaims: 0, orphanObjects: 0 });
    await bucketClient.removeObject(BUCKET, outsideKey);
    await docsDb.query('DELETE FROM pending_upload WHERE object_key = $1', [freshKey]);
  });

  it('an upload claims its key before writing and releases the claim when recorded', async () => {
    await uploadOwnIdentityDocument();
    expect(await count('SELECT count(*) AS n FROM pending_upload')).toBe(0);
  });
});

async function objectKeyOfDocument(id: string): Promise<string> {
  const { rows } = await docsDb.query<{ object_key: string }>('SELECT object_key FROM document WHERE id = $1', [id]);
  return rows[0].object_key;
}

describe('OpenAPI', () => {
  it('documents every endpoint with its tag', async () => {
    const res = await call('GET', '/openapi.json', null);
    expect(res.status).toBe(200);
    const paths = res.json.paths as Record<string, Record<string, { tags?: string[] }>>;
    const tagOf = (path: string, method: string) => paths[path]?.[method]?.tags;
    expect(tagOf('/documents', 'post')).toEqual(['documents']);
    expect(tagOf('/documents', 'get')).toEqual(['documents']);
    expect(tagOf('/documents/{id}', 'get')).toEqual(['documents']);
    expect(tagOf('/documents/{id}/download-link', 'post')).toEqual(['documents']);
    expect(tagOf('/documents/{id}', 'delete')).toEqual(['documents']);
    expect(tagOf('/templates/association-declaration', 'post')).toEqual(['templates']);
    expect(tagOf('/templates/delega', 'get')).toEqual(['templates']);
    expect(tagOf('/templates/delega', 'post')).toEqual(['templates']);
    expect(tagOf('/signatures/inspect', 'post')).toEqual(['signatures']);
  });
});

describe('when the object storage is down', () => {
  it('readiness fails, uploads get 503 and record nothing; both recover when it is back', async () => {
    const documents = await count('SELECT count(*) AS n FROM document');
    const events = await count('SELECT count(*) AS n FROM outbox');
    await s3.stop();
    try {
      const ready = await call('GET', '/health/ready', null);
      expect(ready.status).toBe(503); // the database is up: the bucket check is what fails

      const res = await upload(
        citizen,
        { kind: 'identity-document', entityType: 'citizen', entityId: citizenCf },
        { bytes: pdfBytes('durante il guasto'), name: 'ci.pdf' },
      );
      expect({ status: res.status, code: res.json.code }).toEqual({ status: 503, code: 'STORAGE_UNAVAILABLE' });
      expect(await count('SELECT count(*) AS n FROM document')).toBe(documents);
      expect(await count('SELECT count(*) AS n FROM outbox')).toBe(events);
    } finally {
      s3 = new S3Server({
        port: Number(new URL(s3.endpoint).port),
        directory: s3Dir,
        buckets: [BUCKET],
        credentials: s3.credentials,
      });
      await s3.start();
    }
    expect((await call('GET', '/health/ready', null)).status).toBe(200);
    expect((await uploadOwnIdentityDocument()).status).toBe('active');
  });
});
