import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { requestContext, type Actor } from '../context/request-context.js';
import { CommonErrorCode, CommonException } from '../exceptions/common.exception.js';
import { ALLOWED_ACTORS, IS_PUBLIC } from './public.decorator.js';
import { TokenVerifier } from './token-verifier.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** Global guard: every route is authenticated unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const actor = await this.verifier.verify(request.headers);
    if (!actor) throw new CommonException(CommonErrorCode.UNAUTHENTICATED);
    const allowed = this.reflector.getAllAndOverride<string[] | undefined>(ALLOWED_ACTORS, targets);
    if (allowed && !allowed.includes(actor.kind)) {
      throw new CommonException(CommonErrorCode.FORBIDDEN);
    }
    request.actor = actor;
    const ctx = requestContext.get();
    if (ctx) ctx.actor = actor;
    return true;
  }
}
