import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowActors, Public } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV } from '../identity.tokens.js';
import { CurrentSession } from '../sessions/current-session.decorator.js';
import type { Session } from '../sessions/session.entity.js';
import { clearSessionCookies, readCookie } from '../sessions/session-cookies.js';
import { IdpsQueryDto, ListedIdpResponse, LoginQueryDto, LogoutResponseDto } from './dto/login.dto.js';
import { IdentityProviders } from './identity-providers.service.js';
import { LOGIN_COOKIE, loginCookie } from './login-cookie.js';
import { LoginPageFilter } from './login-page.filter.js';
import { type BrowserStep, LoginService } from './login.service.js';
import { isIdpKind } from './sp-setup.js';

export async function sendStep(reply: FastifyReply, step: BrowserStep, status = 302): Promise<void> {
  if ('redirect' in step) {
    await reply.status(status).header('location', step.redirect).header('cache-control', 'no-store').send();
    return;
  }
  await reply
    .status(200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(step.html);
}

/** Choosing an identity provider, starting a login, logging out. */
@ApiTags('login')
@Controller()
export class LoginController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly idps: IdentityProviders,
    private readonly login: LoginService,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {
    this.secureCookies = env.PUBLIC_URL.startsWith('https:');
  }

  /** The identity providers of a kind (spid, cie, cps), for the chooser page. */
  @Public()
  @Get('idps')
  @ApiOkResponse({ type: [ListedIdpResponse] })
  list(@Query() query: IdpsQueryDto): ListedIdpResponse[] {
    return this.idps.list(isIdpKind(query.kind) ? query.kind : undefined);
  }

  /**
   * Starts a login: 302 to the IdP (HTTP-Redirect) or an auto-submitting form (HTTP-POST), with the login cookie that
   * binds the AuthnRequest to this browser.
   */
  @Public()
  @Get('login')
  @UseFilters(LoginPageFilter)
  async start(@Query() query: LoginQueryDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const started = await this.login.startLogin(query, { ip: req.ip, loginCookie: readCookie(req, LOGIN_COOKIE) });
    if (started.loginCookie) void reply.header('set-cookie', loginCookie(started.loginCookie, this.env));
    await sendStep(reply, started.step);
  }

  /** Ends the local session and answers where the browser goes for the IdP's single logout. */
  @AllowActors('citizen')
  @Post('logout')
  @HttpCode(200)
  @ApiOkResponse({ type: LogoutResponseDto })
  async logout(
    @CurrentSession() session: Session,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LogoutResponseDto> {
    const out = await this.login.logout(session);
    clearSessionCookies(reply, this.secureCookies);
    return out;
  }
}
