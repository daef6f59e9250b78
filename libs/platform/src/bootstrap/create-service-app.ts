import { type DynamicModule, type INestApplication, type Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createLogger, PinoNestLogger } from '../logging/logger.js';
import { requestContext } from '../context/request-context.js';
import { DomainExceptionFilter, toErrorBody } from '../exceptions/domain-exception.filter.js';
import { validationExceptionFactory } from '../validation/validation-errors.js';
import { parseTrustedProxies, trustedProxyProblem } from '../config/trusted-proxies.js';

/** Largest JSON / form body a service accepts unless it says otherwise (multipart uploads are streamed). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface ServiceAppOptions {
  /** Service name: logs, OpenAPI title. */
  name: string;
  logLevel?: string;
  /** Largest request body accepted (bytes). */
  bodyLimit?: number;
  /**
   * Addresses (or CIDRs) of the proxies whose `X-Forwarded-For` is believed: a list, or `TRUSTED_PROXIES` as written
   * (comma-separated). Default none: the client address is the socket's, so a client cannot pick its own address
   * (and dodge a rate limit) by sending the header. Services pass their `env.TRUSTED_PROXIES` (the gateway).
   */
  trustedProxies?: string | readonly string[];
  /**
   * Run each request inside `requestContext` (default true): what audit rows, outbox envelopes and log lines read
   * the actor and the ids from. `false` for a process that needs none of it (the gateway: it forwards the ids in
   * headers and names them in its few log lines): on Node 20 a live AsyncLocalStorage adds promise and nextTick hooks
   * to every asynchronous step of the process, ≈ 8% of a proxied request's CPU.
   */
  requestContext?: boolean;
}

/**
 * Creates a service's Nest application on Fastify with the house conventions: JSON logs with request ids,
 * one exception filter, strict validation (unknown fields refused), OpenAPI at /openapi.json.
 */
export async function createServiceApp(
  module: Type<unknown> | DynamicModule,
  options: ServiceAppOptions,
): Promise<NestFastifyApplication> {
  const logger = createLogger(options.name, options.logLevel);
  const trusted = parseTrustedProxies(options.trustedProxies);
  const invalid = trusted.map(trustedProxyProblem).filter(Boolean);
  if (invalid.length > 0) throw new Error(`trusted proxies: ${invalid.join('; ')}`);
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : requestContext.newId();
    },
    trustProxy: trusted.length > 0 ? trusted : false,
    // Requests Fastify refuses before routing (a malformed URL such as `/%E0%A4%A`): the one error shape, in Italian.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      void reply
        .code(error.statusCode ?? 400)
        .header('cache-control', 'no-store')
        .send({ ...toErrorBody(error), requestId: String(req.id) });
    },
  });
  const withContext = options.requestContext ?? true;
  adapter.getInstance().addHook('onRequest', (req, reply, done) => {
    const correlation = req.headers['x-correlation-id'];
    const requestId = String(req.id);
    void reply.header('x-request-id', requestId);
    if (!withContext) return done();
    requestContext.run(
      {
        requestId,
        correlationId: typeof correlation === 'string' && correlation.length <= 64 ? correlation : requestId,
      },
      done,
    );
  });
  adapter.getInstance().addHook('onResponse', (req, reply, done) => {
    logger.info(
      {
        requestId: req.id,
        method: req.method,
        url: req.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.useGlobalFilters(new DomainExceptionFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.enableShutdownHooks();
  const config = new DocumentBuilder().setTitle(`Profila ${options.name}`).setVersion('1').build();
  const document = SwaggerModule.createDocument(app as INestApplication, config);
  adapter.getInstance().get('/openapi.json', (_req, reply) => reply.send(document));
  return app;
}

/** Creates, listens, logs the address. Used by every main.ts. */
export async function runServiceApp(
  module: Type<unknown> | DynamicModule,
  options: ServiceAppOptions & { host: string; port: number },
): Promise<NestFastifyApplication> {
  const app = await createServiceApp(module, options);
  await app.listen(options.port, options.host);
  createLogger(options.name).info({ url: await app.getUrl() }, `${options.name} listening`);
  return app;
}
