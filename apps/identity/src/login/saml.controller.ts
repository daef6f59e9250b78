import { Body, Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV, SP_CONFIG } from '../identity.tokens.js';
import { buildSpMetadata, type InboundMessage, SamlValidationError, type SpConfig } from '../saml/index.js';
import { clearedSessionCookies, readCookie, sessionCookies } from '../sessions/session-cookies.js';
import { AcsPostDto, SloPostDto } from './dto/login.dto.js';
import { sendStep } from './login.controller.js';
import { LOGIN_COOKIE } from './login-cookie.js';
import { LoginPageFilter, sendErrorPage } from './login-page.filter.js';
import { LoginService } from './login.service.js';

function rawQuery(req: FastifyRequest): string {
  const q = req.url.indexOf('?');
  return q < 0 ? '' : req.url.slice(q + 1);
}

/** The SAML endpoints identity providers talk to (through the browser): metadata, ACS, single logout. */
@ApiExcludeController()
@Public()
@UseFilters(LoginPageFilter)
@Controller('saml')
export class SamlController {
  private readonly metadataXml: string;
  private readonly secureCookies: boolean;

  constructor(
    private readonly login: LoginService,
    @Inject(SP_CONFIG) sp: SpConfig,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {
    this.metadataXml = buildSpMetadata(sp);
    this.secureCookies = env.PUBLIC_URL.startsWith('https:');
  }

  @Get('metadata')
  async metadata(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('content-type', 'application/samlmetadata+xml; charset=utf-8').send(this.metadataXml);
  }

  /**
   * AssertionConsumerService (HTTP-POST). Accepted: 303 to where the user was going, with the session cookies.
   * Refused: the anomaly's 4xx status and the Italian page with its code, rendered here (a conformance tool reads
   * the refusal in the status).
   */
  @Post('acs')
  async acs(@Body() body: AcsPostDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const outcome = await this.login.acs(body, { ip: req.ip, loginCookie: readCookie(req, LOGIN_COOKIE) });
    if (!outcome.accepted) {
      await sendErrorPage(reply, this.env, outcome.status, outcome.code, outcome.message);
      return;
    }
    await reply
      .status(303)
      .header('set-cookie', sessionCookies(outcome.session.id, outcome.session.csrfToken, this.secureCookies))
      .header('location', outcome.location)
      .header('cache-control', 'no-store')
      .send();
  }

  @Get('slo')
  async sloRedirect(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = rawQuery(req);
    const kind = new URLSearchParams(query).has('SAMLResponse') ? 'SAMLResponse' : 'SAMLRequest';
    await this.slo(reply, { binding: 'HTTP-Redirect', rawQuery: query }, kind);
  }

  @Post('slo')
  async sloPost(@Body() body: SloPostDto, @Res() reply: FastifyReply): Promise<void> {
    const kind = body.SAMLResponse !== undefined ? 'SAMLResponse' : 'SAMLRequest';
    await this.slo(reply, { binding: 'HTTP-POST', message: body[kind] ?? '', relayState: body.RelayState }, kind);
  }

  /** Cookies are cleared only once the message is verified: a forged logout leaves the browser's session alone. */
  private async slo(reply: FastifyReply, inbound: InboundMessage, kind: 'SAMLRequest' | 'SAMLResponse') {
    try {
      const outcome = await this.login.slo(inbound, kind);
      if (outcome.clearCookies) void reply.header('set-cookie', clearedSessionCookies(this.secureCookies));
      await sendStep(reply, outcome.step, 303);
    } catch (err) {
      if (!(err instanceof SamlValidationError)) throw err;
      await sendErrorPage(reply, this.env, err.httpStatus(), err.code, err.message, 'Uscita non riuscita');
    }
  }
}
