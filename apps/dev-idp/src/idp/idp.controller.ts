import { Body, Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@profila/platform';
import { decodePost, decodeRedirect, type DecodedMessage } from '../saml/xml.js';
import { LoginFormDto } from './dto/login-form.dto.js';
import { SamlPostDto } from './dto/saml-post.dto.js';
import { IdpService, type PageResult } from './idp.service.js';
import { errorPage } from './pages.js';

function rawQuery(req: FastifyRequest): string {
  const url = req.url;
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
}

/** The dev IdP's endpoints: metadata, SSO and SLO in both bindings, the login form. Public by nature. */
@Public()
@Controller()
export class IdpController {
  constructor(private readonly idp: IdpService) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  home(): Promise<string> {
    return this.idp.home();
  }

  @Get('metadata')
  @Header('content-type', 'application/samlmetadata+xml; charset=utf-8')
  metadata(): string {
    return this.idp.metadata();
  }

  @Get('sso')
  async ssoRedirect(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, () => this.idp.receiveAuthnRequest(decodeRedirect('SAMLRequest', rawQuery(req))));
  }

  @Post('sso')
  async ssoPost(@Body() body: SamlPostDto, @Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, () => this.idp.receiveAuthnRequest(this.fromPost(body.SAMLRequest, body.RelayState)));
  }

  @Post('login')
  async login(@Body() body: LoginFormDto, @Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, async () => this.idp.login(body));
  }

  @Get('slo')
  async sloRedirect(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, () => this.idp.receiveLogoutRequest(decodeRedirect('SAMLRequest', rawQuery(req))));
  }

  @Post('slo')
  async sloPost(@Body() body: SamlPostDto, @Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, () => this.idp.receiveLogoutRequest(this.fromPost(body.SAMLRequest, body.RelayState)));
  }

  private fromPost(message: string | undefined, relayState: string | undefined): DecodedMessage {
    if (!message) throw new Error('SAMLRequest mancante');
    return decodePost(message, relayState);
  }

  /** Renders a page result; a message that cannot even be decoded gets an error page, not a stack trace. */
  private async send(reply: FastifyReply, produce: () => Promise<PageResult>): Promise<void> {
    let result: PageResult;
    try {
      result = await produce();
    } catch (err) {
      result = { status: 400, html: errorPage('Richiesta non valida', [(err as Error).message]) };
    }
    if ('location' in result) {
      await reply.status(302).header('location', result.location).send();
      return;
    }
    await reply.status(result.status).header('content-type', 'text/html; charset=utf-8').send(result.html);
  }
}
