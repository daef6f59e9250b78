import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Pool, type Dispatcher } from 'undici';
import {
  CommonErrorCode,
  CommonException,
  createLogger,
  SERVICE_CALLER_HEADER,
  SERVICE_TOKEN_HEADER,
} from '@profila/platform';
import { GatewayException, GatewayExceptionCode } from '../http/gateway.exception.js';
import { sendError } from '../http/send-error.js';

/**
 * Headers a browser must never be able to set on a request to a service: the internal credentials, and the
 * forwarding headers, which the gateway writes itself from what it computed (the client address it believes).
 */
const INTERNAL_HEADERS = new Set([
  SERVICE_TOKEN_HEADER,
  SERVICE_CALLER_HEADER,
  'x-profila-actor', // no service reads it today: refused anyway, the prefix is the platform's
  'authorization',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-forwarded-prefix',
  'x-real-ip',
]);

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, never forwarded in either direction. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'http2-settings',
  'expect',
  'host',
]);

/** Answers up to this size are collected and sent in one write with their headers; larger or unsized ones stream. */
const BUFFERED_MAX_BYTES = 256 * 1024;

export interface ServiceProxyOptions {
  /** Upstream timeouts (headers, and between body chunks). */
  timeoutMs: number;
}

const log = createLogger('gateway-proxy');

/** What the browser gets when a service cannot be reached: an Italian message, never the internal address. */
export function upstreamFailure(error: unknown): CommonException | GatewayException {
  const { statusCode, cause } = error as { statusCode?: number; cause?: { code?: string } };
  const code = cause?.code ?? (error as { code?: string }).code;
  if (statusCode === 504 || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new GatewayException(
      GatewayExceptionCode.GATEWAY_TIMEOUT,
      'Il servizio non ha risposto in tempo: riprovare tra poco',
    );
  }
  if (statusCode === 503 || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new CommonException(
      CommonErrorCode.SERVICE_UNAVAILABLE,
      'Servizio temporaneamente non disponibile: riprovare tra poco',
    );
  }
  return new GatewayException(GatewayExceptionCode.BAD_GATEWAY, 'Il servizio non ha risposto correttamente: riprovare');
}

/**
 * The path a service gets: what follows `/api/<service>` in the URL as the client wrote it (still percent-encoded,
 * so the service's router decodes it exactly once), with the query as written. The router already matched the
 * prefix on the decoded path; what follows must not climb out of the service or name another host: no `..` segment
 * however encoded (`%2e%2e`, backslashes), no `//` start. Anything else is the client's mistake: a 400.
 */
export function upstreamPath(rawUrl: string): string {
  const query = rawUrl.indexOf('?');
  const path = query === -1 ? rawUrl : rawUrl.slice(0, query);
  const afterApi = path.indexOf('/', 1);
  const afterService = afterApi === -1 ? -1 : path.indexOf('/', afterApi + 1);
  const rest = afterService === -1 ? '/' : path.slice(afterService);
  // Nearly every path: no escapes, dots, backslashes or control characters, so nothing to decode or climb with.
  if (PLAIN_PATH.test(rest)) return query === -1 ? rest : rest + rawUrl.slice(query);
  const normalized = rest.replace(/[\t\n\r\0]/g, '').replaceAll('\\', '/');
  let decoded: string;
  try {
    decoded = decodeURIComponent(normalized).replaceAll('\\', '/');
  } catch {
    throw invalidPath();
  }
  if (normalized.startsWith('//') || decoded.startsWith('//') || decoded.split('/').includes('..')) throw invalidPath();
  return query === -1 ? rest : rest + rawUrl.slice(query);
}

/** A path of plain segments: it cannot start with `//` or hold a `..` segment, encoded or not. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-][A-Za-z0-9_~-]*)*\/?$/;

function invalidPath(): GatewayException {
  return new GatewayException(GatewayExceptionCode.BAD_REQUEST, 'Richiesta non valida');
}

/** Header names a `Connection` header lists: hop-by-hop for this request only. */
function connectionListed(value: string | string[] | undefined): Set<string> | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  // What browsers and clients send: it names only headers dropped anyway.
  if (value === 'keep-alive' || value === 'close' || value === 'Keep-Alive') return undefined;
  return new Set(value.split(',').map((name) => name.trim().toLowerCase()));
}

/**
 * `/api/<service>/...` → the service, over one pooled undici client per service (keep-alive connections reused,
 * TLS to a service verified), through undici's dispatch API: no URL objects, no per-request streams for the small
 * JSON answers that are nearly all the traffic (collected, then written with their headers in one go), streams for
 * the rest (documents, PDFs) with backpressure both ways. The request gets the gateway's access token, the client
 * address the gateway believes, the request and correlation ids; never the browser's internal or hop-by-hop headers.
 */
export class ServiceProxy {
  private readonly pool: Pool;
  private readonly host: string;

  constructor(
    private readonly service: string,
    origin: string,
    options: ServiceProxyOptions,
  ) {
    this.host = new URL(origin).host;
    this.pool = new Pool(origin, {
      connections: 64,
      pipelining: 1,
      keepAliveTimeout: 4_000,
      // A service's keep-alive hint is 72 s (Fastify): dropping idle connections well before it means a request is
      // never written to a socket the service is closing (a POST would fail with "other side closed").
      keepAliveMaxTimeout: 30_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: { timeout: 5_000, rejectUnauthorized: true },
    });
  }

  /** The prefix the service is mounted under at the gateway (told to it in X-Forwarded-Prefix). */
  get prefix(): string {
    return `/api/${this.service}`;
  }

  /** Forwards the request and hands the answer (or the error shape) to Fastify; never throws. */
  forward(req: FastifyRequest, reply: FastifyReply): void {
    let path: string;
    try {
      path = upstreamPath(req.url);
    } catch (error) {
      void sendError(req, reply, error);
      return;
    }
    const body = req.body instanceof Readable ? req.body : null;
    this.pool.dispatch(
      { method: req.method, path, headers: this.requestHeaders(req), body },
      new AnswerHandler(req, reply, this.service),
    );
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private requestHeaders(req: FastifyRequest): Record<string, string | string[]> {
    const incoming = req.headers;
    const listed = connectionListed(incoming.connection);
    const out: Record<string, string | string[]> = {};
    for (const name in incoming) {
      if (INTERNAL_HEADERS.has(name) || HOP_BY_HOP.has(name) || listed?.has(name)) continue;
      const value = incoming[name];
      if (value !== undefined) out[name] = value;
    }
    out.host = this.host;
    if (req.gatewayAccessToken) out.authorization = `Bearer ${req.gatewayAccessToken}`;
    // The client address the gateway believes (the socket's, or the first one its trusted proxies name): the
    // services trust the gateway's X-Forwarded-For, so it is never the browser's own header.
    out['x-forwarded-for'] = req.ip;
    out['x-forwarded-proto'] = req.protocol;
    const id = String(req.id);
    out['x-request-id'] = id;
    if (out['x-correlation-id'] === undefined) out['x-correlation-id'] = id;
    out['x-forwarded-prefix'] = this.prefix;
    return out;
  }
}

/**
 * One request's answer. Small answers are collected and only then put on the reply (status, headers, body), so an
 * answer that breaks half-way leaves nothing of it on the error the client gets; large or unsized ones stream.
 */
class AnswerHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: Record<string, string | string[]> = {};
  private chunks: Buffer[] | undefined;
  private stream: Readable | undefined;

  constructor(
    private readonly req: FastifyRequest,
    private readonly reply: FastifyReply,
    private readonly service: string,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.reply.raw.destroyed) controller.abort(new Error('the client went away'));
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return; // 1xx: the final answer follows
    if (this.reply.raw.destroyed) {
      controller.abort(new Error('the client went away'));
      return;
    }
    if (statusCode > 599) {
      controller.abort(new Error(`the service answered status ${statusCode}`));
      return;
    }
    this.status = statusCode;
    const listed = connectionListed(headers.connection);
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined && !HOP_BY_HOP.has(name) && !listed?.has(name)) this.headers[name] = value;
    }
    const length = Number(headers['content-length']);
    if (this.req.method === 'HEAD' || statusCode === 204 || statusCode === 304 || length <= BUFFERED_MAX_BYTES) {
      this.chunks = [];
      return;
    }
    this.stream = new Readable({
      read: () => controller.resume(),
      destroy: (error, done) => {
        if (!controller.aborted && !this.stream?.readableEnded) {
          controller.abort(error ?? new Error('the client went away'));
        }
        done(error);
      },
    });
    void this.answer().send(this.stream);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.chunks) this.chunks.push(chunk);
    else if (this.stream && !this.stream.push(chunk)) controller.pause();
  }

  onResponseEnd(): void {
    if (this.stream) {
      this.stream.push(null);
      return;
    }
    const reply = this.answer();
    const chunks = this.chunks ?? [];
    if (this.req.method === 'HEAD' || chunks.length === 0) void reply.send();
    else void reply.send(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.stream) {
      this.stream.destroy(error);
      return;
    }
    const { req, reply } = this;
    if (reply.sent || reply.raw.destroyed) return;
    if (req.bodyTooLarge) {
      // The rest of a streamed body is not read: close rather than leave the connection half-way.
      void reply.header('connection', 'close');
      void sendError(req, reply, new CommonException(CommonErrorCode.PAYLOAD_TOO_LARGE));
      return;
    }
    log.warn({ service: this.service, err: error, requestId: req.id }, 'service unreachable');
    void sendError(req, reply, upstreamFailure(error));
  }

  /** The service's status and headers on the reply. */
  private answer(): FastifyReply {
    const reply = this.reply.code(this.status).headers(this.headers);
    // An HTTP/1 connection cannot be reused until its request body has been read: close it when the service
    // answered first (a refusal of an upload, say).
    if (!this.req.raw.complete) void reply.header('connection', 'close');
    return reply;
  }
}
