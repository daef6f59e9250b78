import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CodiceFiscalePersonaPipe } from '@profila/italian';
import { type Actor, AllowActors, CommonErrorCode, CommonException, CurrentActor } from '@profila/platform';
import { StructureListDto } from '../operators/dto/operators.dto.js';
import { StaffBody, StructureDetailResponse, StructureUnitBody } from './dto/structures.dto.js';
import { StructuresService } from './structures.service.js';

const Id = new ParseUUIDPipe({
  exceptionFactory: () => new CommonException(CommonErrorCode.NOT_FOUND, 'Struttura non trovata'),
});

/** "Strutture regionali": sedi, CPI and staff of the Regions / Province, for the super-operator and their operators. */
@ApiTags('structures')
@AllowActors('citizen')
@Controller('operator/structures')
export class StructuresController {
  constructor(private readonly structures: StructuresService) {}

  @Get()
  @ApiOperation({ summary: 'Le strutture (tutte per il super-operatore, le proprie per un operatore)' })
  @ApiOkResponse({ type: StructureListDto })
  async list(@CurrentActor() actor: Actor): Promise<StructureListDto> {
    return { items: await this.structures.list(actor) };
  }

  @Get(':organizationId')
  @ApiOperation({ summary: 'Sedi, CPI (con il territorio servito) e personale di una struttura' })
  @ApiOkResponse({ type: StructureDetailResponse })
  detail(
    @CurrentActor() actor: Actor,
    @Param('organizationId', Id) organizationId: string,
  ): Promise<StructureDetailResponse> {
    return this.structures.detail(actor, organizationId);
  }

  @Post(':organizationId/units')
  @ApiOperation({ summary: 'Nuova sede o CPI' })
  @ApiOkResponse({ type: StructureDetailResponse })
  createUnit(
    @CurrentActor() actor: Actor,
    @Param('organizationId', Id) organizationId: string,
    @Body() body: StructureUnitBody,
  ): Promise<StructureDetailResponse> {
    return this.structures.createUnit(actor, organizationId, body);
  }

  @Put(':organizationId/units/:unitId')
  @ApiOperation({ summary: 'Modifica una sede o un CPI (anche i comuni e le province serviti)' })
  @ApiOkResponse({ type: StructureDetailResponse })
  updateUnit(
    @CurrentActor() actor: Actor,
    @Param('organizationId', Id) organizationId: string,
    @Param('unitId', Id) unitId: string,
    @Body() body: StructureUnitBody,
  ): Promise<StructureDetailResponse> {
    return this.structures.updateUnit(actor, organizationId, unitId, body);
  }

  @Put(':organizationId/staff/:codiceFiscale')
  @ApiOperation({ summary: 'Assegna una persona del personale alle sedi / CPI della struttura' })
  @ApiOkResponse({ type: StructureDetailResponse })
  assignStaff(
    @CurrentActor() actor: Actor,
    @Param('organizationId', Id) organizationId: string,
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) codiceFiscale: string,
    @Body() body: StaffBody,
  ): Promise<StructureDetailResponse> {
    return this.structures.assignStaff(actor, organizationId, codiceFiscale, body);
  }

  @Delete(':organizationId/staff/:codiceFiscale')
  @ApiOperation({ summary: 'Toglie una persona dal personale della struttura' })
  @ApiOkResponse({ type: StructureDetailResponse })
  removeStaff(
    @CurrentActor() actor: Actor,
    @Param('organizationId', Id) organizationId: string,
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) codiceFiscale: string,
  ): Promise<StructureDetailResponse> {
    return this.structures.removeStaff(actor, organizationId, codiceFiscale);
  }
}
