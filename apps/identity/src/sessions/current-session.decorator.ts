import { createParamDecorator, type ExecutionContext, Injectable, type PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '@profila/contracts';
import { CommonErrorCode, CommonException } from '@profila/platform';
import type { Session } from './session.entity.js';
import { readCookie } from './session-cookies.js';
import { SessionsService } from './sessions.service.js';

/**
 * Resolves the browser session of a citizen's request: the gateway authenticated the citizen (access token) and
 * forwards the session cookie; both must agree, so a token for one citizen never works with another's session.
 */
@Injectable()
export class CurrentSessionPipe implements PipeTransform<FastifyRequest, Promise<Session>> {
  constructor(private readonly sessions: SessionsService) {}

  async transform(req: FastifyRequest): Promise<Session> {
    const session = await this.sessions.findLive(readCookie(req, SESSION_COOKIE));
    if (!session || req.actor?.kind !== 'citizen' || req.actor.id !== session.codiceFiscale) {
      throw new CommonException(CommonErrorCode.UNAUTHENTICATED);
    }
    return session;
  }
}

const RequestOf = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  context.switchToHttp().getRequest<FastifyRequest>(),
);

/** The live session of the logged-in citizen (401 UNAUTHENTICATED otherwise). */
export const CurrentSession = (): ParameterDecorator => RequestOf(undefined, CurrentSessionPipe);
