import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CodiceFiscalePersonaPipe } from '@profila/italian';
import { AllowActors } from '@profila/platform';
import { OrganizationId } from '../common/ids.js';
import {
  AssignOperatorDto,
  OperatorListResponse,
  OperatorTerritoryResponse,
  StructureListResponse,
} from './dto/operator.dto.js';
import { OperatorsService } from './operators.service.js';

/** Service API of the back office's operators (called by admin-verification with the service credential). */
@ApiTags('operators')
@AllowActors('service')
@Controller('operators')
export class OperatorsController {
  constructor(private readonly operators: OperatorsService) {}

  @Get()
  @ApiOperation({ summary: 'Operatori del back office, con enti e unità di competenza' })
  @ApiOkResponse({ type: OperatorListResponse })
  async list(): Promise<OperatorListResponse> {
    return { items: await this.operators.list() };
  }

  @Get('structures')
  @ApiOperation({ summary: 'Regioni, Province e agenzie con le loro unità (sedi, CPI) e il territorio servito' })
  @ApiOkResponse({ type: StructureListResponse })
  async structures(): Promise<StructureListResponse> {
    return { items: await this.operators.structures() };
  }

  @Get(':codiceFiscale')
  @ApiOperation({
    summary: 'Territorio di un operatore',
    description: 'Le unità su cui la persona ha il ruolo BACKOFFICE (comuni e province serviti) e se è SUPEROPERATORE.',
  })
  @ApiOkResponse({ type: OperatorTerritoryResponse })
  territory(@Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string): Promise<OperatorTerritoryResponse> {
    return this.operators.territoryOf(cf);
  }

  @Put(':codiceFiscale/organizations/:organizationId')
  @ApiOperation({ summary: "Assegna l'operatore alle unità dell'ente (sostituisce le precedenti)" })
  @ApiOkResponse({ type: OperatorTerritoryResponse })
  assign(
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string,
    @Param('organizationId', OrganizationId) organizationId: string,
    @Body() body: AssignOperatorDto,
  ): Promise<OperatorTerritoryResponse> {
    return this.operators.assign(cf, organizationId, body);
  }

  @Delete(':codiceFiscale/organizations/:organizationId')
  @ApiOperation({ summary: "Toglie all'operatore i ruoli di back office nell'ente" })
  @ApiOkResponse({ type: OperatorTerritoryResponse })
  unassign(
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string,
    @Param('organizationId', OrganizationId) organizationId: string,
  ): Promise<OperatorTerritoryResponse> {
    return this.operators.unassign(cf, organizationId);
  }
}
