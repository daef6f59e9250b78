import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Session } from './session.entity.js';
import { readCookie, SESSION_COOKIE } from './session-cookies.js';
import { SessionsException, SessionsExceptionCode } from './sessions.exception.js';
import { SessionsService } from './sessions.service.js';

/**
 * The session of a citizen's request: the gateway authenticated the citizen (access token) and forwards the session
 * cookie; both must agree, so a token for one citizen never works with another citizen's session.
 */
@Injectable()
export class CurrentSessionService {
  constructor(private readonly sessions: SessionsService) {}

  async require(req: FastifyRequest): Promise<Session> {
    const session = await this.sessions.findLive(readCookie(req, SESSION_COOKIE));
    if (!session || req.actor?.kind !== 'citizen' || req.actor.id !== session.codiceFiscale) {
      throw new SessionsException(SessionsExceptionCode.UNAUTHENTICATED, 'Autenticazione richiesta');
    }
    return session;
  }
}
