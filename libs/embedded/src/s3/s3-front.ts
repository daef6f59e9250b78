import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from 'node:http';
import { isRefusal, type S3Credentials, type S3Refusal, sha256Hex, verifySigV4 } from './sigv4.js';

export interface S3FrontOptions {
  credentials: S3Credentials;
  region: string;
  /** Unix socket of the storage behind the front (s3rver): only this process reaches it. */
  backendSocket: string;
  /** Largest request body accepted (a PUT is buffered to check its signed SHA-256). */
  maxBodyBytes: number;
}

/**
 * The HTTP front of the embedded S3 endpoint. s3rver checks no credentials (any request is served, a V4 signature
 * is never verified) and parses browser POST uploads with a vulnerable multipart parser, so it listens on a private
 * socket and this front decides what reaches it:
 *  - every request must carry a valid AWS Signature V4 for this installation's key pair (header or presigned URL,
 *    dates, expiry, scope, signed headers and the signed payload hash all checked); anything else gets S3's 403;
 *  - POST multipart/form-data (s3rver's only path into busboy) is refused before a byte of the body is read, and so
 *    are the operations the platform does not use (multipart uploads, copies, bucket configuration);
 *  - objects are write-once: a PUT over an existing key is refused (document-store writes each version under a
 *    new key, so the bytes a row's SHA-256 describes never change).
 * Then the request is passed on with s3rver's own dummy signature, so s3rver treats it as authenticated.
 */
export function createS3Front(options: S3FrontOptions): Server {
  const writes = new Map<string, Promise<void>>();
  const server = createServer((req, res) => {
    handle(req, res, options, writes).catch((error: unknown) => {
      if (!res.headersSent) sendError(req, res, refusal(500, 'InternalError', String((error as Error).message)));
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  return server;
}

const refusal = (status: number, code: string, message: string): S3Refusal => ({ status, code, message });

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Headers the front sets itself or that describe this hop only. */
const DROPPED_HEADERS = new Set([
  'host',
  'authorization',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'expect',
  'upgrade',
  'proxy-authorization',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-security-token',
]);

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: S3FrontOptions,
  writes: Map<string, Promise<void>>,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = req.url ?? '/';
  const rawPath = url.split('?', 1)[0];

  // s3rver's browser-POST upload is its only multipart parser (busboy 0.3 / dicer, CVE-2022-24434): never reached.
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  if (method === 'POST' && contentType.includes('multipart/')) {
    return sendError(req, res, refusal(403, 'AccessDenied', 'Browser-based POST uploads are not supported.'), true);
  }
  if (!['GET', 'HEAD', 'PUT', 'DELETE', 'POST'].includes(method) || !rawPath.startsWith('/')) {
    return sendError(req, res, refusal(405, 'MethodNotAllowed', 'The specified method is not allowed.'), true);
  }

  const verified = verifySigV4({ method, url, headers: req.headersDistinct }, options.credentials, options.region);
  if (isRefusal(verified)) return sendError(req, res, verified, true);

  let bucket: string;
  let key: string;
  try {
    const segments = rawPath.slice(1).split('/').map(decodeURIComponent);
    bucket = segments[0] ?? '';
    key = segments.slice(1).join('/');
    if (segments.slice(1).some((s) => s === '.' || s === '..' || s.includes('\\') || s.includes('\0'))) {
      return sendError(req, res, refusal(400, 'InvalidArgument', 'Object keys may not hold . or .. segments.'), true);
    }
  } catch {
    return sendError(req, res, refusal(400, 'InvalidURI', 'Couldn’t parse the specified URI.'), true);
  }
  if (bucket && !BUCKET_NAME.test(bucket)) {
    return sendError(req, res, refusal(400, 'InvalidBucketName', 'The specified bucket is not valid.'), true);
  }
  const query = verified.forwardQuery;
  const queryNames = query ? query.split('&').map((p) => decodeURIComponent(p.split('=', 1)[0])) : [];
  const unsupported = operationUnsupported(method, bucket, key, queryNames, req.headers);
  if (unsupported) return sendError(req, res, unsupported, true);

  const body = await readBody(req, options.maxBodyBytes);
  if (!body) {
    return sendError(req, res, refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum size.'), true);
  }
  if (verified.payloadHash !== 'UNSIGNED-PAYLOAD' && sha256Hex(body) !== verified.payloadHash) {
    return sendError(
      req,
      res,
      refusal(400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 does not match the body.'),
    );
  }
  const target = query ? `${rawPath}?${query}` : rawPath;

  if (method === 'PUT' && key) {
    // Write-once, checked and written under a per-key lock so that two concurrent PUTs cannot both pass the check.
    const lockKey = `${bucket}/${key}`;
    const previous = writes.get(lockKey) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => current);
    writes.set(lockKey, chained);
    await previous;
    try {
      const head = await backend(options, 'HEAD', rawPath, {}, Buffer.alloc(0));
      head.resume();
      if (head.statusCode === 200) {
        return sendError(
          req,
          res,
          refusal(412, 'PreconditionFailed', 'Objects are write-once: this key already holds an object.'),
        );
      }
      await forward(req, res, options, method, target, body);
    } finally {
      release();
      if (writes.get(lockKey) === chained) writes.delete(lockKey);
    }
    return;
  }
  await forward(req, res, options, method, target, body);
}

/** What the platform does not use is refused rather than passed to s3rver. */
function operationUnsupported(
  method: string,
  bucket: string,
  key: string,
  queryNames: string[],
  headers: IncomingHttpHeaders,
): S3Refusal | undefined {
  const notImplemented = (what: string) => refusal(501, 'NotImplemented', `${what} is not supported here.`);
  if (method === 'POST') {
    // Multi-object delete is the one POST the minio client sends; multipart uploads are not used.
    return !key && bucket && queryNames.includes('delete') ? undefined : notImplemented('This POST operation');
  }
  if (method === 'PUT' && key) {
    if (headers['x-amz-copy-source']) return notImplemented('Copying objects');
    if (queryNames.length > 0) return notImplemented('Object sub-resources and multipart uploads');
  }
  if ((method === 'PUT' || method === 'DELETE') && !key && queryNames.length > 0) {
    return notImplemented('Bucket configuration');
  }
  if (method === 'DELETE' && key && queryNames.length > 0) return notImplemented('This DELETE operation');
  if (!bucket && method !== 'GET' && method !== 'HEAD') return notImplemented('This operation');
  return undefined;
}

/** The whole body, or undefined when it is larger than the limit. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** s3rver's built-in account: it verifies no V4 signature, only that the header names its dummy key. */
function s3rverHeaders(body: Buffer, method: string): Record<string, string> {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
  return {
    host: 'localhost',
    'x-amz-date': amzDate,
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    authorization:
      `AWS4-HMAC-SHA256 Credential=S3RVER/${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request, ` +
      `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    ...(body.length > 0 || method === 'PUT' || method === 'POST' ? { 'content-length': String(body.length) } : {}),
  };
}

function backend(
  options: S3FrontOptions,
  method: string,
  target: string,
  headers: Record<string, string | string[]>,
  body: Buffer,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      {
        socketPath: options.backendSocket,
        method,
        path: target,
        headers: { ...headers, ...s3rverHeaders(body, method) },
      },
      resolve,
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  options: S3FrontOptions,
  method: string,
  target: string,
  body: Buffer,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !DROPPED_HEADERS.has(name)) headers[name] = value;
  }
  let upstream: IncomingMessage;
  try {
    upstream = await backend(options, method, target, headers, body);
  } catch {
    return sendError(req, res, refusal(503, 'ServiceUnavailable', 'The object store is not available.'));
  }
  const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...answer } = upstream.headers;
  res.writeHead(upstream.statusCode ?? 502, answer);
  await new Promise<void>((resolve) => {
    upstream.pipe(res);
    res.on('close', resolve);
    upstream.on('error', () => {
      res.destroy();
      resolve();
    });
  });
}

function sendError(req: IncomingMessage, res: ServerResponse, error: S3Refusal, closeConnection = false): void {
  const escape = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${error.code}</Code><Message>${escape(error.message)}</Message>` +
    `<Resource>${escape((req.url ?? '/').split('?', 1)[0])}</Resource><RequestId>${requestId}</RequestId></Error>`;
  res.writeHead(error.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(xml),
    'x-amz-request-id': requestId,
    // A refused body is not read: the connection cannot carry another request after it.
    ...(closeConnection ? { connection: 'close' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : xml);
  if (closeConnection) res.on('finish', () => req.socket.destroySoon?.());
}
