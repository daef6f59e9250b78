import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AccessRightOrganizationsResponse } from '@profila/contracts';
import { CodiceFiscalePipe } from '@profila/italian';
import { AllowActors } from '@profila/platform';
import { AccessRightsService } from './access-rights.service.js';
import { AccessRightOrganizationsDto } from './dto/access-right-organizations.response.js';

/** Service API: which organisations a citizen may act for now (identity's "Selezione tipologia di utente"). */
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
