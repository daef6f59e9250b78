import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Inject } from '@nestjs/common';
import { AllowActors, Public } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV } from '../identity.tokens.js';
import { clearSessionCookies } from '../sessions/session-cookies.js';
import { CurrentSessionService } from '../sessions/current-session.service.js';
import { IdentityProviders, type ListedIdp } from './identity-providers.service.js';
import { LoginService } from './login.service.js';
import { isIdpKind } from './sp-setup.js';

/** Choosing an identity provider, starting a login, logging out. */
@ApiTags('login')
@Controller()
export class LoginController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly idps: IdentityProviders,
    private readonly login: LoginService,
    private readonly current: CurrentSessionService,
    @Inject(IDENTITY_ENV) env: IdentityEnv,
  ) {
    this.secureCookies = env.PUBLIC_URL.startsWith('https:');
  }

  /** The identity providers of a kind (spid, cie, cps), for the chooser page. */
  @Public()
  @Get('idps')
  list(@Query('kind') kind?: string): ListedIdp[] {
    return this.idps.list(isIdpKind(kind) ? kind : undefined);
  }

  /** Starts a login: 302 to the IdP (HTTP-Redirect) or an auto-submitting form (HTTP-POST). */
  @Public()
  @Get('login')
  async start(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const q = req.query as Record<string, string | undefined>;
    const step = await this.login.startLogin({ kind: q.kind, idp: q.idp, level: q.level, returnTo: q.returnTo });
    if ('redirect' in step) {
      await reply.status(302).header('location', step.redirect).header('cache-control', 'no-store').send();
      return;
    }
    await reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(step.html);
  }

  /** Ends the local session and answers where the browser goes for the IdP's single logout. */
  @AllowActors('citizen')
  @Post('logout')
  @HttpCode(200)
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.current.require(req);
    clearSessionCookies(reply, this.secureCookies);
    return this.login.logout(session);
  }
}
