import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../context/request-context.js';
import { CommonErrorCode, CommonException } from '../exceptions/common.exception.js';

/** The authenticated caller the AuthGuard put on the request (citizen, operator or service). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<FastifyRequest>().actor;
  if (!actor) throw new CommonException(CommonErrorCode.UNAUTHENTICATED);
  return actor;
});
