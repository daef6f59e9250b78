import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../context/request-context.js';
import { DomainException } from './domain.exception.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

/** Maps domain exception codes (and Nest's own HTTP errors) to one JSON error shape. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(exception);
    body.requestId = requestContext.get()?.requestId ?? String(host.switchToHttp().getRequest<FastifyRequest>().id);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    void reply.status(body.statusCode).send(body);
  }
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainException) {
    const domain = exception as DomainException<string>;
    return { statusCode: domain.httpStatus(), code: domain.code, message: domain.message, details: domain.details };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (status === 503 && typeof response === 'object' && response !== null && 'status' in response) {
      // Terminus readiness failure: say which check failed.
      return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Servizio non disponibile', details: response };
    }
    // Our code throws DomainExceptions only; an HttpException here comes from Nest or Fastify themselves (no route,
    // a body that is not JSON, a built-in pipe): an Italian message, the framework's English text as the reason.
    const r = (typeof response === 'object' && response !== null ? response : { message: response }) as {
      message?: unknown;
    };
    const reason = Array.isArray(r.message)
      ? r.message.map(String).join('; ')
      : typeof r.message === 'string'
        ? r.message
        : exception.message;
    return { statusCode: status, code: httpCode(status), message: httpMessage(status), details: { reason } };
  }
  const status = (exception as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Errors raised by Fastify itself (body too large, bad JSON...): an Italian message, Fastify's code in details.
    const fastifyCode = (exception as { code?: unknown }).code;
    return {
      statusCode: status,
      code: httpCode(status),
      message: httpMessage(status),
      details: typeof fastifyCode === 'string' ? { reason: fastifyCode } : undefined,
    };
  }
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Errore interno. Riprovare più tardi.' };
}

function httpMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Autenticazione richiesta';
    case 403:
      return 'Operazione non consentita';
    case 404:
      return 'Risorsa non trovata';
    case 405:
      return 'Metodo non consentito';
    case 409:
      return 'Operazione in conflitto con lo stato attuale';
    case 413:
      return 'Richiesta troppo grande';
    case 415:
      return 'Tipo di contenuto non supportato';
    case 429:
      return 'Troppe richieste: riprovare tra poco';
    case 503:
      return 'Servizio non disponibile';
    default:
      return status >= 500 ? 'Errore interno. Riprovare più tardi.' : 'Richiesta non valida';
  }
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST';
  }
}
