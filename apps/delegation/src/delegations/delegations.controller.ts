import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CodiceFiscalePipe } from '@profila/italian';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import { DelegationsService } from './delegations.service.js';
import {
  CreateDelegationDto,
  DelegationTermsDto,
  ListDelegationsQuery,
  RefuseDelegationDto,
} from './dto/delegation.dto.js';
import {
  CreatedDelegationResponse,
  DelegableProfilesResponse,
  DelegationPageResponse,
  DelegationRequestPageResponse,
  DelegationResponse,
} from './dto/delegation.response.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** "Gestione deleghe" of the logged-in citizen (through the gateway: /api/delegation/delegations/…). */
@ApiTags('delegations')
@AllowActors('citizen')
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly deleghe: DelegationsService) {}

  /** "Ricerca profilo": the organisations I may delegate for (none: at least one associated profile is needed). */
  @Get('profiles')
  @ApiOkResponse({ type: DelegableProfilesResponse })
  profiles(@CurrentActor() actor: Actor): Promise<DelegableProfilesResponse> {
    return this.deleghe.profiles(actor);
  }

  /** "Aggiungi delega" → Salva. */
  @Post()
  @ApiOkResponse({ type: CreatedDelegationResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDelegationDto): Promise<CreatedDelegationResponse> {
    return this.deleghe.create(actor, body);
  }

  /** "Lista delegati" / "Ricerca delegati": deleghe of the organisations I hold, grouped by the UI per delegate. */
  @Get('delegates')
  @ApiOkResponse({ type: DelegationPageResponse })
  delegates(@CurrentActor() actor: Actor, @Query() q: ListDelegationsQuery): Promise<DelegationPageResponse> {
    return this.deleghe.delegates(actor, q, null);
  }

  /** "Modifica delega": the deleghe of one delegate for the organisations I hold. */
  @Get('delegates/:codiceFiscale')
  @ApiOkResponse({ type: DelegationPageResponse })
  delegate(
    @CurrentActor() actor: Actor,
    @Param('codiceFiscale', CodiceFiscalePipe) codiceFiscale: string,
    @Query() q: ListDelegationsQuery,
  ): Promise<DelegationPageResponse> {
    return this.deleghe.delegates(actor, q, codiceFiscale);
  }

  /** "Deleghe ricevute". */
  @Get('received')
  @ApiOkResponse({ type: DelegationPageResponse })
  received(@CurrentActor() actor: Actor, @Query() q: ListDelegationsQuery): Promise<DelegationPageResponse> {
    return this.deleghe.received(actor, q);
  }

  /** "Deleghe ricevute in attesa". */
  @Get('received/pending')
  @ApiOkResponse({ type: DelegationRequestPageResponse })
  pending(@CurrentActor() actor: Actor, @Query() q: ListDelegationsQuery): Promise<DelegationRequestPageResponse> {
    return this.deleghe.pending(actor, q);
  }

  /** "Tracciamento deleghe inviate". */
  @Get('sent')
  @ApiOkResponse({ type: DelegationRequestPageResponse })
  sent(@CurrentActor() actor: Actor, @Query() q: ListDelegationsQuery): Promise<DelegationRequestPageResponse> {
    return this.deleghe.sent(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: DelegationResponse })
  get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<DelegationResponse> {
    return this.deleghe.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: DelegationResponse })
  accept(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<DelegationResponse> {
    return this.deleghe.accept(actor, id);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @ApiOkResponse({ type: DelegationResponse })
  refuse(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: RefuseDelegationDto,
  ): Promise<DelegationResponse> {
    return this.deleghe.refuse(actor, id, body.motivo);
  }

  @Post(':id/modify')
  @HttpCode(200)
  @ApiOkResponse({ type: DelegationResponse })
  modify(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: DelegationTermsDto,
  ): Promise<DelegationResponse> {
    return this.deleghe.modify(actor, id, body);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: DelegationResponse })
  revoke(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<DelegationResponse> {
    return this.deleghe.revoke(actor, id);
  }
}
