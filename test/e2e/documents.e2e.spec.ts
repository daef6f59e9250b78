// Documents through the gateway, on the running embedded platform: the browser's path (/api/document-store/...),
// uploads proxied as streams, downloads straight from the S3 endpoint with the presigned link, and the aggregated
// OpenAPI. Callers are citizens with a session (a real login through the dev IdP), as a browser after
// the login: session cookie, CSRF double submit; the gateway turns the session into the service's access token.
import { createHash } from 'node:crypto';
import { devIdpLogin, type DevIdpSession, type EmbeddedPlatform, startTestPlatform } from '@profila/testing';

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

  it('uploads the largest allowed attachment through the proxy and downloads the same bytes by presigned link', async () => {
    const mario: Actor = { kind: 'citizen', id: MARIO };
    const bytes = pdf(10 * MB);
    const stored = await upload(
      mario,
      { kind: 'raa-attachment', entityType: 'raa-request', entityId: 'raa-e2e-1', territory: 'CO' },
      bytes,
      'allegato.pdf',
    );
    expect(stored.status).toBe(201);
    expect(stored.json).toMatchObject({ size: 10 * MB, sha256: sha256(bytes), contentType: 'application/pdf' });

    const link = await fetch(`${api}/documents/${String(stored.json.id)}/download-link`, {
      method: 'POST',
      headers: await auth(mario),
    });
    expect(link.status).toBe(200);
    const { url } = (await link.json()) as { url: string };
    expect(url.startsWith(platform.s3.endpoint)).toBe(true);
    const downloaded = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(sha256(downloaded)).toBe(sha256(bytes));

    const giulia: Actor = { kind: 'citizen', id: GIULIA };
    const refused = await fetch(`${api}/documents/${String(stored.json.id)}/download-link`, {
      method: 'POST',
      headers: await auth(giulia),
    });
    expect(refused.status).toBe(404);
  });

  it("refuses a signed declaration over 3 MB through the proxy with the service's message", async () => {
    const res = await upload(
      { kind: 'citizen', id: MARIO },
      { kind: 'signed-declaration', entityType: 'association-request', entityId: 'ASS-E2E1-0000-0000' },
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
