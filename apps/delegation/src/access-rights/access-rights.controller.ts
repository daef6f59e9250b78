import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AccessCheckResponse, AccessRightOrganizationsResponse } from '@profila/contracts';
import { CodiceFiscalePipe } from '@profila/italian';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import { AccessRightsService } from './access-rights.service.js';
import { type AccessCheckQuery, AccessCheckQueryPipe, type OwnAccessCheckQuery } from './dto/access-check.query.js';
import { AccessCheckResponseDto } from './dto/access-check.response.js';
import { AccessRightOrganizationsDto } from './dto/access-right-organizations.response.js';

/** Service API of access rights, version 1 (the gateway, identity and every service that guards an organisation's data). */
@ApiTags('access-rights')
@Controller('v1/access-rights')
export class AccessRightsV1Controller {
  constructor(private readonly accessRights: AccessRightsService) {}

  @Get('check')
  @AllowActors('service')
  @ApiQuery({ name: 'codiceFiscale', example: 'RSSMRA80A01H501U' })
  @ApiQuery({ name: 'organizationId', description: 'The organisation’s id in the registry (a UUID)' })
  @ApiQuery({ name: 'permission', required: false, description: 'COB, SARE, IDO, RAA, ANAGRAFICA' })
  @ApiQuery({ name: 'unitId', required: false, description: 'An operating unit (UUID)' })
  @ApiQuery({ name: 'at', required: false, description: 'ISO 8601 instant; default now' })
  @ApiOkResponse({ type: AccessCheckResponseDto })
  check(@Query(new AccessCheckQueryPipe()) q: AccessCheckQuery): Promise<AccessCheckResponse> {
    return this.accessRights.check(q);
  }

  @Get('citizens/:codiceFiscale/organizations')
  @AllowActors('service')
  @ApiOkResponse({ type: AccessRightOrganizationsDto })
  organizationsOf(
    @Param('codiceFiscale', CodiceFiscalePipe) codiceFiscale: string,
  ): Promise<AccessRightOrganizationsResponse> {
    return this.accessRights.organizationsOf(codiceFiscale);
  }

  /** The logged-in citizen's own check (through the gateway): may I act for this organisation now? */
  @Get('me/check')
  @AllowActors('citizen')
  @ApiQuery({ name: 'organizationId', description: 'The organisation’s id in the registry (a UUID)' })
  @ApiQuery({ name: 'permission', required: false })
  @ApiQuery({ name: 'unitId', required: false })
  @ApiOkResponse({ type: AccessCheckResponseDto })
  ownCheck(
    @Query(new AccessCheckQueryPipe(true)) q: OwnAccessCheckQuery,
    @CurrentActor() actor: Actor,
  ): Promise<AccessCheckResponse> {
    return this.accessRights.check({ ...q, codiceFiscale: actor.id });
  }
}

/** The unversioned path identity already calls ("Selezione tipologia di utente"): same answer as v1. */
@ApiTags('access-rights')
@AllowActors('service')
@Controller('access-rights')
export class AccessRightsController {
  constructor(private readonly accessRights: AccessRightsService) {}

  @Get('citizens/:codiceFiscale/organizations')
  @ApiOkResponse({ type: AccessRightOrganizationsDto })
  organizationsOf(
    @Param('codiceFiscale', CodiceFiscalePipe) codiceFiscale: string,
  ): Promise<AccessRightOrganizationsResponse> {
    return this.accessRights.organizationsOf(codiceFiscale);
  }
}
