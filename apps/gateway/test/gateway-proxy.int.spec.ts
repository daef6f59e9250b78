import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadGatewayEnv, ROUTED_SERVICES } from '../src/config/gateway.env.js';
import { createGatewayApp } from '../src/gateway.app.js';
import { serviceUrlVariable } from '@profila/platform';

/**
 * The gateway's proxy (ServiceProxy) against a plain HTTP service: what goes through byte for byte (large answers,
 * unsized ones, uploads, the query as written, every Set-Cookie) and what never does (hop-by-hop headers, either
 * way), and what a client gets when a service breaks half-way through its answer.
 */

const BIG = randomBytes(1024 * 1024); // over the size the proxy collects before answering: streamed
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function startService(): Promise<FastifyInstance> {
  const service = Fastify({ bodyLimit: 16 * 1024 * 1024 });
  service.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  service.get('/big', async (_req, reply) => reply.type('application/octet-stream').send(BIG));
  service.get('/unsized', (_req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/plain' }); // no length: chunked
    for (let i = 0; i < 50; i++) reply.raw.write(`riga ${i}\n`);
    reply.raw.end();
  });
  service.all('/headers', async (req) => ({ url: req.url, headers: req.headers }));
  service.get('/cookies', (_req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'application/json',
      'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
      'keep-alive': 'timeout=99',
      connection: 'keep-alive, x-hop',
      'x-hop': 'per-connection',
      'x-kept': 'yes',
    });
    reply.raw.end('{"ok":true}');
  });
  service.post('/upload', async (req) => {
    const body = req.body as Buffer;
    return { bytes: body.length, sha256: sha(body) };
  });
  service.get('/broken-small', (_req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'application/json', 'content-length': '100', 'set-cookie': 'x=1' });
    reply.raw.write('{"partial":');
    setTimeout(() => reply.raw.destroy(), 20);
  });
  service.get('/broken-big', (_req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(BIG.length) });
    reply.raw.write(BIG.subarray(0, 512 * 1024));
    setTimeout(() => reply.raw.destroy(), 20);
  });
  await service.listen({ port: 0, host: '127.0.0.1' });
  return service;
}

function raw(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/`, { method: options.method ?? 'GET', path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the gateway proxy', () => {
  let service: FastifyInstance;
  let gateway: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    service = await startService();
    const serviceUrl = `http://127.0.0.1:${(service.server.address() as { port: number }).port}`;
    const urls = Object.fromEntries(ROUTED_SERVICES.map((s) => [serviceUrlVariable(s), serviceUrl]));
    gateway = await createGatewayApp(
      loadGatewayEnv({
        PORT: '0',
        LOG_LEVEL: 'silent',
        SERVICE_TOKEN: 'gateway-proxy-test-token',
        ACCESS_TOKEN_KEY_FILE: join(await mkdtemp(join(tmpdir(), 'gw-keys-')), 'key.json'),
        RATE_LIMIT_MAX: '1000',
        ...urls,
      }),
    );
    await gateway.listen(0, '127.0.0.1');
    url = await gateway.getUrl();
  });

  afterAll(async () => {
    await gateway?.close();
    await service?.close();
  });

  it('a large answer streams through whole, with the service’s length; an unsized one too', async () => {
    const big = await raw(url, '/api/document-store/big');
    expect(big.status).toBe(200);
    expect(big.headers['content-length']).toBe(String(BIG.length));
    expect(sha(big.body)).toBe(sha(BIG));
    const unsized = await raw(url, '/api/document-store/unsized');
    expect(unsized.body.toString()).toBe(Array.from({ length: 50 }, (_, i) => `riga ${i}\n`).join(''));
  });

  it('HEAD gets the answer’s headers and no body', async () => {
    const head = await raw(url, '/api/document-store/big', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(BIG.length));
    expect(head.body.length).toBe(0);
  });

  it('the service gets the query as written, never the client’s hop-by-hop headers or those its Connection names', async () => {
    const res = await raw(url, '/api/registry/headers?a=1&a=2&q=%C3%A8%20x', {
      headers: { connection: 'keep-alive, x-secret-hop', 'x-secret-hop': 'no', 'keep-alive': 'timeout=5', te: 'x' },
    });
    const seen = JSON.parse(res.body.toString()) as { url: string; headers: Record<string, string> };
    expect(seen.url).toBe('/headers?a=1&a=2&q=%C3%A8%20x');
    expect(seen.headers['x-secret-hop']).toBeUndefined();
    expect(seen.headers['keep-alive']).toBeUndefined();
    expect(seen.headers.te).toBeUndefined();
    expect(seen.headers['x-forwarded-prefix']).toBe('/api/registry');
    expect(seen.headers['x-request-id']).toBeDefined();
  });

  it('every Set-Cookie of the service reaches the client; its hop-by-hop headers do not', async () => {
    const res = await raw(url, '/api/identity/cookies');
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(res.headers['x-kept']).toBe('yes');
    expect(res.headers['x-hop']).toBeUndefined();
    expect(res.headers['keep-alive']).not.toBe('timeout=99');
  });

  it('a 5 MB upload streams to the service byte for byte', async () => {
    const body = randomBytes(5 * 1024 * 1024);
    const res = await raw(url, '/api/document-store/upload', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(body.length) },
      body,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ bytes: body.length, sha256: sha(body) });
  });

  it('a service that breaks half-way through a small answer: 502 with the error shape and none of its headers', async () => {
    const res = await raw(url, '/api/registry/broken-small');
    expect(res.status).toBe(502);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'BAD_GATEWAY' });
  });

  it('a service that breaks half-way through a streamed answer: the client’s connection is cut, not a short 200', async () => {
    const outcome = await raw(url, '/api/document-store/broken-big').then(
      (res) => `complete ${res.body.length}`,
      (error: NodeJS.ErrnoException) => `cut ${error.code ?? error.message}`,
    );
    expect(outcome).toMatch(/^cut /);
    // The gateway is still answering.
    expect((await raw(url, '/api/registry/headers')).status).toBe(200);
  });
});
