import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { Actor } from '@profila/platform';
import type { FastifyRequest } from 'fastify';

/** The authenticated caller the AuthGuard put on the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<FastifyRequest>().actor;
  if (!actor) throw new UnauthorizedException({ code: 'UNAUTHENTICATED', message: 'Autenticazione richiesta' });
  return actor;
});
