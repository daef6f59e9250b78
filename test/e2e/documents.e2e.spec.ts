// Documents through the gateway, on the running embedded platform: the browser's path (/api/document-store/...),
// uploads proxied as streams, downloads through the gateway by a short-lived link that document-store serves (after
// checking the SHA-256), and the aggregated OpenAPI. Callers are citizens with a session (a real login through the
// dev IdP), as a browser after the login: session cookie, CSRF double submit; the gateway turns the session into the
// service's access token.
import { createHash } from 'node:crypto';
import type { EmbeddedPlatform } from '@profila/embedded';
import { devIdpLogin, type DevIdpSession, startTestPlatform } from '@profila/testing';

const MARIO = 'RSSMRA80A01H501U';
const GIULIA = 'BNCGLI92L55F205A';
const MB = 1024 * 1024;

function pdf(size: number): Uint8Array {
  const bytes = Buffer.alloc(size, 0x20);
  Buffer.from('%PDF-1.7\n', 'latin1').copy(bytes);
  return new Uint8Array(bytes);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('documents through the gateway', () => {
  let platform: EmbeddedPlatform;
  const sessions = new Map<string, DevIdpSession>();
  let api: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ devIdp: true });
    api = `${platform.gatewayUrl}/api/document-store`;
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  type Actor = { kind: 'citizen'; id: string };

  /** The browser's credentials for a citizen: one real login each, through the gateway and the dev IdP. */
  async function auth(actor: Actor): Promise<Record<string, string>> {
    let session = sessions.get(actor.id);
    if (!session) {
      session = await devIdpLogin(platform.gatewayUrl, {
        identity: { fiscalNumber: actor.id, name: 'Cittadino', familyName: 'Di Prova' },
      });
      sessions.set(actor.id, session);
    }
    return session.headers();
  }

  async function upload(actor: Actor, fields: Record<string, string>, bytes: Uint8Array, name: string) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', new Blob([Buffer.from(bytes)]), name);
    const res = await fetch(`${api}/documents`, { method: 'POST', headers: await auth(actor), body: form });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it('uploads the largest document a citizen may file through the proxy and downloads the same bytes by its link', async () => {
    const mario: Actor = { kind: 'citizen', id: MARIO };
    const bytes = pdf(5 * MB);
    const stored = await upload(
      mario,
      { kind: 'identity-document', entityType: 'citizen', entityId: MARIO },
      bytes,
      'carta-identita.pdf',
    );
    expect(stored.status).toBe(201);
    expect(stored.json).toMatchObject({ size: 5 * MB, sha256: sha256(bytes), contentType: 'application/pdf' });

    const link = await fetch(`${api}/documents/${String(stored.json.id)}/download-link`, {
      method: 'POST',
      headers: await auth(mario),
    });
    expect(link.status).toBe(200);
    const { url } = (await link.json()) as { url: string };
    // A path on the portal's origin, served by document-store: never a link into the object storage.
    expect(url).toMatch(/^\/api\/document-store\/documents\/download\/[A-Za-z0-9_-]{43}$/);
    const download = await fetch(`${platform.gatewayUrl}${url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="carta-identita.pdf"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(bytes));

    const giulia: Actor = { kind: 'citizen', id: GIULIA };
    const refused = await fetch(`${api}/documents/${String(stored.json.id)}/download-link`, {
      method: 'POST',
      headers: await auth(giulia),
    });
    expect(refused.status).toBe(404);

    // Deleting the document revokes the link at once.
    const deleted = await fetch(`${api}/documents/${String(stored.json.id)}`, {
      method: 'DELETE',
      headers: await auth(mario),
    });
    expect(deleted.status).toBe(200);
    expect((await fetch(`${platform.gatewayUrl}${url}`)).status).toBe(404);
  });

  it('refuses attachments to a request its owning service does not confirm (raa: no such request of hers), and a territory picked by the citizen', async () => {
    const mario: Actor = { kind: 'citizen', id: MARIO };
    const raa = await upload(
      mario,
      { kind: 'raa-attachment', entityType: 'raa-request', entityId: 'raa-e2e-1' },
      pdf(1024),
      'allegato.pdf',
    );
    expect({ status: raa.status, code: raa.json.code }).toEqual({ status: 403, code: 'LINKED_ENTITY_NOT_CONFIRMED' });
    const territory = await upload(
      mario,
      { kind: 'identity-document', entityType: 'citizen', entityId: MARIO, territory: 'CO' },
      pdf(1024),
      'ci.pdf',
    );
    expect({ status: territory.status, code: territory.json.code }).toEqual({
      status: 403,
      code: 'UPLOAD_NOT_ALLOWED',
    });
  });

  it("refuses a signed declaration over 3 MB through the proxy with the service's message", async () => {
    const mario: Actor = { kind: 'citizen', id: MARIO };
    const declaration = await fetch(`${api}/templates/association-declaration`, {
      method: 'POST',
      headers: { ...(await auth(mario)), 'content-type': 'application/json' },
      body: JSON.stringify({
        citizen: { nome: 'Mario', cognome: 'Rossi', dataNascita: '1980-01-01', luogoNascita: 'Roma (RM)' },
        organization: {
          ragioneSociale: 'AZIENDA PROVA 1 SRL',
          codiceFiscale: '00097020598',
          sedeLegale: { comune: 'Trento', provincia: 'TN' },
        },
      }),
    });
    expect(declaration.status).toBe(200);
    const requestCode = declaration.headers.get('x-profila-request-code')!;
    const res = await upload(
      mario,
      { kind: 'signed-declaration', entityType: 'association-request', entityId: requestCode },
      pdf(3 * MB + 1),
      'dichiarazione.pdf',
    );
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('DOCUMENT_TOO_LARGE');
  });

  it('the aggregated OpenAPI shows the document-store endpoints under /api/document-store with their tags', async () => {
    const doc = (await (await fetch(`${platform.gatewayUrl}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags: string[] }>>;
    };
    expect(doc.paths['/api/document-store/documents']?.post?.tags).toEqual(['document-store', 'documents']);
    expect(doc.paths['/api/document-store/signatures/inspect']?.post?.tags).toEqual(['document-store', 'signatures']);
    expect(doc.paths['/api/document-store/templates/association-declaration']?.post?.tags).toEqual([
      'document-store',
      'templates',
    ]);
  });
});
