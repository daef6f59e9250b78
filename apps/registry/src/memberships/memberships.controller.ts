import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import { OrganizationId, ResourceId } from '../common/ids.js';
import { AddMemberDto, MemberGrantDto, MemberListResponse, MemberResponse } from './dto/member.dto.js';
import { MembershipsService } from './memberships.service.js';

const NOT_VISIBLE = { description: 'Organizzazione o utente inesistente, o non visibile al chiamante' };

@ApiTags('organigram')
@Controller('organizations/:id/members')
@AllowActors('citizen', 'service')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @ApiOperation({ summary: 'Organigramma: amministratore e collaboratori con ruoli e ambito' })
  @ApiOkResponse({ type: MemberListResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  async list(@CurrentActor() actor: Actor, @Param('id', OrganizationId) id: string): Promise<MemberListResponse> {
    return { items: await this.memberships.list(actor, id) };
  }

  @Post()
  @ApiOperation({
    summary: 'Aggiungi un utente',
    description: 'Per codice fiscale, con data e luogo di nascita controllati sul codice; ruoli e ambito.',
  })
  @ApiCreatedResponse({ type: MemberResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  add(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Body() body: AddMemberDto,
  ): Promise<MemberResponse> {
    return this.memberships.add(actor, id, body);
  }

  @Put(':memberId')
  @ApiOperation({ summary: 'Modifica ruoli, ambito e validità di un utente' })
  @ApiOkResponse({ type: MemberResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  change(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Param('memberId', ResourceId) memberId: string,
    @Body() body: MemberGrantDto,
  ): Promise<MemberResponse> {
    return this.memberships.change(actor, id, memberId, body);
  }

  @Delete(':memberId')
  @ApiOperation({ summary: "Rimuovi un utente dall'organigramma" })
  @ApiOkResponse({ type: MemberResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Param('memberId', ResourceId) memberId: string,
  ): Promise<MemberResponse> {
    return this.memberships.remove(actor, id, memberId);
  }
}
