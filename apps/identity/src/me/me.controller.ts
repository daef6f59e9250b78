import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowActors } from '@profila/platform';
import { CurrentSession } from '../sessions/current-session.decorator.js';
import type { Session } from '../sessions/session.entity.js';
import { ActingAsDto } from './dto/acting-as.dto.js';
import { AnagraficaResponse } from './dto/anagrafica.response.js';
import { ActingAsResponse, MeResponse, ProfilesResponse } from './dto/me.response.js';
import { UpdateAnagraficaDto } from './dto/update-anagrafica.dto.js';
import { MeService } from './me.service.js';

/** The logged-in citizen (through the gateway: access token + session cookie). */
@ApiTags('me')
@AllowActors('citizen')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOkResponse({ type: MeResponse })
  get(@CurrentSession() session: Session): Promise<MeResponse> {
    return this.me.me(session);
  }

  @Get('anagrafica')
  @ApiOkResponse({ type: AnagraficaResponse })
  anagrafica(@CurrentSession() session: Session): Promise<AnagraficaResponse> {
    return this.me.anagrafica(session.codiceFiscale);
  }

  /** Every field's problem is answered in Italian (details.fields); nothing is saved unless every field is valid. */
  @Put('anagrafica')
  @ApiOkResponse({ type: AnagraficaResponse })
  updateAnagrafica(@CurrentSession() session: Session, @Body() body: UpdateAnagraficaDto): Promise<AnagraficaResponse> {
    return this.me.updateAnagrafica(session.codiceFiscale, body);
  }

  @Get('profiles')
  @ApiOkResponse({ type: ProfilesResponse })
  profiles(@CurrentSession() session: Session): Promise<ProfilesResponse> {
    return this.me.profiles(session);
  }

  @Put('acting-as')
  @ApiOkResponse({ type: ActingAsResponse })
  actingAs(@CurrentSession() session: Session, @Body() body: ActingAsDto): Promise<ActingAsResponse> {
    return this.me.actAs(session, body.organizationId ?? null);
  }
}
