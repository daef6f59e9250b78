import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CodiceFiscalePersonaPipe } from '@profila/italian';
import { type Actor, AllowActors, CommonErrorCode, CommonException, CurrentActor } from '@profila/platform';
import { AssignOperatorBody, OperatorListDto, OperatorMeResponse } from './dto/operators.dto.js';
import { OperatorsService } from './operators.service.js';

const OrgId = new ParseUUIDPipe({ exceptionFactory: () => new CommonException(CommonErrorCode.NOT_FOUND) });

/** The back office: who the operator is, and the super-operator's management of operators. */
@ApiTags('operators')
@AllowActors('citizen')
@Controller('operator')
export class OperatorsController {
  constructor(private readonly operators: OperatorsService) {}

  @Get('me')
  @ApiOperation({ summary: "L'operatore e il suo territorio (unità di competenza)" })
  @ApiOkResponse({ type: OperatorMeResponse })
  me(@CurrentActor() actor: Actor): Promise<OperatorMeResponse> {
    return this.operators.me(actor);
  }

  @Get('operators')
  @ApiOperation({ summary: 'Operatori (solo super-operatori)' })
  @ApiOkResponse({ type: OperatorListDto })
  async list(@CurrentActor() actor: Actor): Promise<OperatorListDto> {
    return { items: await this.operators.list(actor) };
  }

  @Put('operators/:codiceFiscale/organizations/:organizationId')
  @ApiOperation({ summary: 'Assegna un operatore alle unità di un ente (solo super-operatori)' })
  @ApiOkResponse({ type: OperatorMeResponse })
  assign(
    @CurrentActor() actor: Actor,
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string,
    @Param('organizationId', OrgId) organizationId: string,
    @Body() body: AssignOperatorBody,
  ): Promise<OperatorMeResponse> {
    return this.operators.assign(actor, cf, organizationId, body);
  }

  @Delete('operators/:codiceFiscale/organizations/:organizationId')
  @ApiOperation({ summary: 'Toglie a un operatore le unità di un ente (solo super-operatori)' })
  @ApiOkResponse({ type: OperatorMeResponse })
  unassign(
    @CurrentActor() actor: Actor,
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string,
    @Param('organizationId', OrgId) organizationId: string,
  ): Promise<OperatorMeResponse> {
    return this.operators.unassign(actor, cf, organizationId);
  }
}
