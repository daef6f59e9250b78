import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from '@profila/platform';

/** Answers from a Fastify hook with the platform's one error shape (English code, Italian message, request id). */
export function sendError(req: FastifyRequest, reply: FastifyReply, exception: unknown): FastifyReply {
  const body = toErrorBody(exception);
  return reply.code(body.statusCode).send({ ...body, requestId: String(req.id) });
}
