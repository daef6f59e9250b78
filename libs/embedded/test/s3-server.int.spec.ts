// The embedded S3 endpoint as npm start runs it: its own process, the SigV4 front, s3rver behind it. Spoken to with
// the `minio` client (what document-store uses) and with plain HTTP for what an attacker would send.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'minio';
import { S3Server } from '@profila/embedded';
import { freePort } from '@profila/testing';

const BUCKET = 'profila-documents';
const MARIO_KEY = 'documents/2026-01/mario-identity-document';
const GIULIA_KEY = 'documents/2026-01/giulia-identity-document';
const marioBytes = Buffer.from('%PDF-1.7 documento di Mario');
const giuliaBytes = Buffer.from('%PDF-1.7 documento di Giulia');

let s3: S3Server;
let dir: string;
let client: Client;

function clientWith(accessKey: string, secretKey: string): Client {
  const url = new URL(s3.endpoint);
  return new Client({
    endPoint: url.hostname,
    port: Number(url.port),
    useSSL: false,
    accessKey,
    secretKey,
    region: 'us-east-1',
    pathStyle: true,
  });
}

async function read(key: string, c: Client = client): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await c.getObject(BUCKET, key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
}

async function xmlCode(res: Response): Promise<string | undefined> {
  return /<Code>([^<]+)<\/Code>/.exec(await res.text())?.[1];
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'profila-s3-test-'));
  s3 = new S3Server({ port: await freePort(), directory: join(dir, 'objects'), buckets: [BUCKET] });
  await s3.start();
  client = clientWith(s3.credentials.accessKey, s3.credentials.secretKey);
  await client.putObject(BUCKET, MARIO_KEY, marioBytes, marioBytes.length, { 'Content-Type': 'application/pdf' });
  await client.putObject(BUCKET, GIULIA_KEY, giuliaBytes, giuliaBytes.length, { 'Content-Type': 'application/pdf' });
});

afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the embedded S3 endpoint', () => {
  it('has keys of its own (not s3rver’s fixed S3RVER / S3RVER) and serves requests signed with them', async () => {
    expect(s3.credentials.accessKey).not.toBe('S3RVER');
    expect(s3.credentials.secretKey.length).toBeGreaterThanOrEqual(40);
    expect(new S3Server({ port: 1, directory: dir, buckets: [] }).credentials).not.toEqual(s3.credentials);

    expect(await client.bucketExists(BUCKET)).toBe(true);
    const names: string[] = [];
    for await (const item of client.listObjectsV2(BUCKET, 'documents/', true)) names.push(item.name);
    expect(names.sort()).toEqual([GIULIA_KEY, MARIO_KEY]);
    expect(await read(MARIO_KEY)).toEqual(marioBytes);

    // Keys with spaces and accents are signed and checked the same way on both sides.
    const odd = 'documents/2026-01/carta d’identità (copia) +1.pdf';
    await client.putObject(BUCKET, odd, marioBytes);
    expect(await read(odd)).toEqual(marioBytes);
    await client.removeObject(BUCKET, odd);
    expect(await errorCode(client.statObject(BUCKET, odd))).toBe('NotFound');
  });

  it('refuses anonymous list, read, write and delete with 403 and an S3 error', async () => {
    const anonymous = [
      { method: 'GET', path: '/' },
      { method: 'GET', path: `/${BUCKET}` },
      { method: 'GET', path: `/${BUCKET}?list-type=2&prefix=documents/` },
      { method: 'GET', path: `/${BUCKET}/${MARIO_KEY}` },
      { method: 'HEAD', path: `/${BUCKET}/${MARIO_KEY}` },
      { method: 'PUT', path: `/${BUCKET}/${MARIO_KEY}`, body: 'sostituito' },
      { method: 'PUT', path: `/${BUCKET}/documents/new-object`, body: 'nuovo' },
      { method: 'DELETE', path: `/${BUCKET}/${MARIO_KEY}` },
      { method: 'DELETE', path: `/${BUCKET}` },
    ];
    for (const { method, path, body } of anonymous) {
      const res = await fetch(`${s3.endpoint}${path}`, { method, body });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
      if (method !== 'HEAD') {
        expect(res.headers.get('content-type')).toBe('application/xml');
        expect(await xmlCode(res)).toBe('AccessDenied');
      }
    }
    // Nothing changed.
    expect(await read(MARIO_KEY)).toEqual(marioBytes);
    expect(await errorCode(client.statObject(BUCKET, 'documents/new-object'))).toBe('NotFound');
  });

  it('refuses requests signed with another key pair, or a forged Authorization header', async () => {
    const wrongSecret = clientWith(s3.credentials.accessKey, `${s3.credentials.secretKey}x`);
    expect(await errorCode(read(MARIO_KEY, wrongSecret))).toBe('SignatureDoesNotMatch');
    expect(await errorCode(wrongSecret.putObject(BUCKET, 'documents/forged', Buffer.from('x')))).toBe(
      'SignatureDoesNotMatch',
    );
    const s3rverKeys = clientWith('S3RVER', 'S3RVER');
    expect(await errorCode(s3rverKeys.listObjectsV2(BUCKET, '', true).toArray())).toBe('InvalidAccessKeyId');

    const amzDate = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
    const forged = await fetch(`${s3.endpoint}/${BUCKET}/${MARIO_KEY}`, {
      headers: {
        'x-amz-date': amzDate,
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        authorization:
          `AWS4-HMAC-SHA256 Credential=${s3.credentials.accessKey}/${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request, ` +
          `SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`,
      },
    });
    expect(forged.status).toBe(403);
    expect(await xmlCode(forged)).toBe('SignatureDoesNotMatch');
  });

  it('serves a presigned GET for its key until it expires, and nothing else with it', async () => {
    const url = new URL(await client.presignedGetObject(BUCKET, MARIO_KEY, 60));
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(marioBytes);

    const zeroed = new URL(url);
    zeroed.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    const zeroedRes = await fetch(zeroed);
    expect(zeroedRes.status).toBe(403);
    expect(await xmlCode(zeroedRes)).toBe('SignatureDoesNotMatch');

    // Mario's link, pointed at Giulia's document.
    const otherKey = new URL(url);
    otherKey.pathname = `/${BUCKET}/${GIULIA_KEY}`;
    const otherRes = await fetch(otherKey);
    expect(otherRes.status).toBe(403);
    expect(await xmlCode(otherRes)).toBe('SignatureDoesNotMatch');

    // A longer life than the one signed.
    const longer = new URL(url);
    longer.searchParams.set('X-Amz-Expires', '604800');
    expect((await fetch(longer)).status).toBe(403);

    // The same link with the signature parameters stripped is an anonymous read.
    const bare = new URL(url);
    bare.search = '';
    expect((await fetch(bare)).status).toBe(403);

    // Signed two minutes ago for one minute.
    const expired = await client.presignedGetObject(BUCKET, MARIO_KEY, 60, {}, new Date(Date.now() - 120_000));
    const expiredRes = await fetch(expired);
    expect(expiredRes.status).toBe(403);
    expect(await expiredRes.text()).toContain('Request has expired');

    // The response overrides document-store signs (file name and type) are honoured.
    const named = await client.presignedGetObject(BUCKET, MARIO_KEY, 60, {
      'response-content-disposition': 'attachment; filename="carta.pdf"',
      'response-content-type': 'application/pdf',
    });
    const namedRes = await fetch(named);
    expect(namedRes.status).toBe(200);
    expect(namedRes.headers.get('content-disposition')).toBe('attachment; filename="carta.pdf"');
    expect(namedRes.headers.get('content-type')).toBe('application/pdf');
  });

  it('keeps objects write-once: a signed PUT over an existing key is refused and the bytes stay', async () => {
    const replacement = Buffer.from('%PDF-1.7 sostituito');
    expect(await errorCode(client.putObject(BUCKET, MARIO_KEY, replacement))).toBe('PreconditionFailed');
    expect(await errorCode(client.copyObject(BUCKET, MARIO_KEY, `/${BUCKET}/${GIULIA_KEY}`))).toBe('NotImplemented');
    expect(await read(MARIO_KEY)).toEqual(marioBytes);
    // Two writers racing for a new key: exactly one wins.
    const racing = await Promise.allSettled(
      ['uno', 'due', 'tre'].map((v) => client.putObject(BUCKET, 'documents/2026-01/race', Buffer.from(v))),
    );
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses the multipart POST that crashed s3rver’s parser (CVE-2022-24434) and keeps answering', async () => {
    const pid = s3.pid;
    expect(pid).toBeDefined();
    // A part header line starting with a space: dicer 0.3.0 throws outside any handler and the process dies.
    const body = '--x\r\n Content-Disposition: form-data; name="key"\r\n\r\nv\r\n--x--\r\n';
    for (const contentType of ['multipart/form-data; boundary=x', 'Multipart/Form-Data;boundary=x']) {
      const res = await fetch(`${s3.endpoint}/${BUCKET}`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
      expect(res.status).toBe(403);
      expect(await xmlCode(res)).toBe('AccessDenied');
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(s3.pid).toBe(pid); // the same process: nothing crashed and restarted
    expect(await read(MARIO_KEY)).toEqual(marioBytes);
  });

  it('is started again when its process dies', async () => {
    const pid = s3.pid!;
    process.kill(pid, 'SIGKILL');
    await waitFor(async () => s3.pid !== undefined && s3.pid !== pid && (await client.bucketExists(BUCKET)));
    expect(await read(MARIO_KEY)).toEqual(marioBytes);
    expect((await fetch(`${s3.endpoint}/${BUCKET}/${MARIO_KEY}`)).status).toBe(403);
  });
});
