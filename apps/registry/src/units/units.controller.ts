import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import { OrganizationId, ResourceId } from '../common/ids.js';
import { UnitDto, UnitListResponse, UnitResponse } from './dto/unit.dto.js';
import { UnitsService } from './units.service.js';

const NOT_VISIBLE = { description: 'Organizzazione o unità inesistente, o non visibile al chiamante' };

@ApiTags('units')
@Controller('organizations/:id/units')
@AllowActors('citizen', 'service')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @ApiOperation({ summary: 'Unità operative' })
  @ApiOkResponse({ type: UnitListResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  async list(@CurrentActor() actor: Actor, @Param('id', OrganizationId) id: string): Promise<UnitListResponse> {
    return { items: await this.units.list(actor, id) };
  }

  @Post()
  @ApiOperation({
    summary: "Aggiungi un'unità operativa",
    description: 'Dopo il salvataggio del rappresentante legale.',
  })
  @ApiCreatedResponse({ type: UnitResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Body() body: UnitDto,
  ): Promise<UnitResponse> {
    return this.units.create(actor, id, body);
  }

  @Put(':unitId')
  @ApiOperation({ summary: "Modifica un'unità operativa" })
  @ApiOkResponse({ type: UnitResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Param('unitId', ResourceId) unitId: string,
    @Body() body: UnitDto,
  ): Promise<UnitResponse> {
    return this.units.update(actor, id, unitId, body);
  }

  @Delete(':unitId')
  @ApiOperation({ summary: "Elimina un'unità operativa" })
  @ApiOkResponse({ type: UnitResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  delete(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Param('unitId', ResourceId) unitId: string,
  ): Promise<UnitResponse> {
    return this.units.delete(actor, id, unitId);
  }
}
