import { Body, Controller, Get, Put, Req } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AllowActors } from '@profila/platform';
import { CurrentSessionService } from '../sessions/current-session.service.js';
import { ActingAsDto } from './dto/acting-as.dto.js';
import { UpdateAnagraficaDto } from './dto/update-anagrafica.dto.js';
import { MeService } from './me.service.js';

/** The logged-in citizen (through the gateway: access token + session cookie). */
@ApiTags('me')
@AllowActors('citizen')
@Controller('me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly current: CurrentSessionService,
  ) {}

  @Get()
  async get(@Req() req: FastifyRequest) {
    return this.me.me(await this.current.require(req));
  }

  @Get('anagrafica')
  async anagrafica(@Req() req: FastifyRequest) {
    const session = await this.current.require(req);
    return this.me.anagrafica(session.codiceFiscale);
  }

  /** Validated by the service, which answers every field's problem in Italian (details.fields). */
  @Put('anagrafica')
  @ApiBody({ type: UpdateAnagraficaDto })
  async updateAnagrafica(@Req() req: FastifyRequest, @Body() body: Record<string, unknown>) {
    const session = await this.current.require(req);
    return this.me.updateAnagrafica(session.codiceFiscale, body);
  }

  @Get('profiles')
  async profiles(@Req() req: FastifyRequest) {
    return this.me.profiles(await this.current.require(req));
  }

  @Put('acting-as')
  async actingAs(@Req() req: FastifyRequest, @Body() body: ActingAsDto) {
    return this.me.actAs(await this.current.require(req), body.organizationId ?? null);
  }
}
