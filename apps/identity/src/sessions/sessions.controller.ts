import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowActors } from '@profila/platform';
import { CitizensService } from '../citizens/citizens.service.js';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV } from '../identity.tokens.js';
import { CreateTestSessionDto } from './dto/create-test-session.dto.js';
import { SessionsException, SessionsExceptionCode } from './sessions.exception.js';
import { newOpaqueToken, SessionsService } from './sessions.service.js';

/** Service API of sessions: the gateway resolves the session cookie of every request here. */
@ApiTags('sessions')
@AllowActors('service')
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly citizens: CitizensService,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {}

  /** 200 live (and touched) · 404 unknown · 410 ended or expired. */
  @Post(':id/resolve')
  @HttpCode(200)
  async resolve(@Param('id') id: string) {
    const session = await this.sessions.resolve(id);
    return { codiceFiscale: session.codiceFiscale, actingFor: session.actingFor };
  }

  /**
   * Test and development only: a session for a citizen without going through an IdP (end-to-end tests of other
   * services). Refused in production, where a session exists only after a verified SAML login.
   */
  @Post()
  async createForTests(@Body() body: CreateTestSessionDto) {
    if (this.env.NODE_ENV === 'production') {
      throw new SessionsException(SessionsExceptionCode.TEST_SESSIONS_DISABLED, 'Risorsa inesistente');
    }
    await this.citizens.recordLogin(body.codiceFiscale, {
      nome: body.nome ?? 'Cittadino',
      cognome: body.cognome ?? 'Di Prova',
      source: 'dev',
    });
    const session = await this.sessions.create({
      codiceFiscale: body.codiceFiscale,
      idp: 'urn:profila:test-session',
      idpKind: 'spid',
      spidLevel: 'L2',
      nameId: newOpaqueToken(),
      nameQualifier: 'urn:profila:test-session',
    });
    return { sessionId: session.id, csrfToken: newOpaqueToken() };
  }
}
