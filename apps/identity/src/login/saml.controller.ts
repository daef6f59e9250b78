import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV, SP_CONFIG } from '../identity.tokens.js';
import { buildSpMetadata, type InboundMessage, SamlValidationError, type SpConfig } from '../saml/index.js';
import { clearSessionCookies, setSessionCookies } from '../sessions/session-cookies.js';
import { type BrowserStep, LoginService } from './login.service.js';

function rawQuery(req: FastifyRequest): string {
  const q = req.url.indexOf('?');
  return q < 0 ? '' : req.url.slice(q + 1);
}

async function sendStep(reply: FastifyReply, step: BrowserStep, status = 302): Promise<void> {
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

/** The SAML endpoints identity providers talk to (through the browser): metadata, ACS, single logout. */
@ApiExcludeController()
@Public()
@Controller('saml')
export class SamlController {
  private readonly metadataXml: string;
  private readonly secureCookies: boolean;

  constructor(
    private readonly login: LoginService,
    @Inject(SP_CONFIG) sp: SpConfig,
    @Inject(IDENTITY_ENV) env: IdentityEnv,
  ) {
    this.metadataXml = buildSpMetadata(sp);
    this.secureCookies = env.PUBLIC_URL.startsWith('https:');
  }

  @Get('metadata')
  async metadata(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('content-type', 'application/samlmetadata+xml; charset=utf-8').send(this.metadataXml);
  }

  /** AssertionConsumerService (HTTP-POST): 303 to where the user was going, or to the error page. */
  @Post('acs')
  async acs(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const outcome = await this.login.acs(req.body as Record<string, unknown> | undefined);
    if (outcome.session) setSessionCookies(reply, outcome.session.id, outcome.session.csrfToken, this.secureCookies);
    await reply.status(303).header('location', outcome.location).header('cache-control', 'no-store').send();
  }

  @Get('slo')
  async sloRedirect(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = rawQuery(req);
    const params = new URLSearchParams(query);
    const kind = params.has('SAMLResponse') ? 'SAMLResponse' : 'SAMLRequest';
    await this.slo(reply, { binding: 'HTTP-Redirect', rawQuery: query }, kind);
  }

  @Post('slo')
  async sloPost(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const kind = typeof body.SAMLResponse === 'string' ? 'SAMLResponse' : 'SAMLRequest';
    const message = body[kind];
    const relayState = typeof body.RelayState === 'string' ? body.RelayState : undefined;
    await this.slo(
      reply,
      { binding: 'HTTP-POST', message: typeof message === 'string' ? message : '', relayState },
      kind,
    );
  }

  private async slo(reply: FastifyReply, inbound: InboundMessage, kind: 'SAMLRequest' | 'SAMLResponse') {
    clearSessionCookies(reply, this.secureCookies);
    try {
      await sendStep(reply, await this.login.slo(inbound, kind), 303);
    } catch (err) {
      if (!(err instanceof SamlValidationError)) throw err;
      if (kind === 'SAMLResponse') {
        // Our session is already closed; the IdP's answer is unreadable: say that the IdP logout is unconfirmed.
        await sendStep(reply, { redirect: this.login.logoutFailedLocation() }, 303);
        return;
      }
      await reply.status(400).header('content-type', 'text/plain; charset=utf-8').send(`${err.code}: ${err.message}`);
    }
  }
}
