import { Controller, Delete, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CodiceFiscalePipe, CodiceFiscalePersonaPipe } from '@profila/italian';
import { AllowActors } from '@profila/platform';
import { OrganizationId } from '../common/ids.js';
import { RaaProfileResponse, VerificationOrganizationResponse } from './dto/verification.dto.js';
import { VerificationsService } from './verifications.service.js';

/** Service API for admin-verification (service credential only). */
@ApiTags('verifications')
@AllowActors('service')
@Controller('verifications')
export class VerificationsController {
  constructor(private readonly verifications: VerificationsService) {}

  @Get('organizations/by-codice-fiscale/:codiceFiscale')
  @ApiOperation({ summary: 'Organizzazione per codice fiscale (sede, Responsabile unico)' })
  @ApiOkResponse({ type: VerificationOrganizationResponse })
  @ApiNotFoundResponse({ description: 'Non presente in anagrafica' })
  byCf(@Param('codiceFiscale', CodiceFiscalePipe) cf: string): Promise<VerificationOrganizationResponse> {
    return this.verifications.organizationByCf(cf);
  }

  @Get('organizations/:id')
  @ApiOperation({ summary: 'Organizzazione (sede, Responsabile unico)' })
  @ApiOkResponse({ type: VerificationOrganizationResponse })
  byId(@Param('id', OrganizationId) id: string): Promise<VerificationOrganizationResponse> {
    return this.verifications.organization(id);
  }

  @Get('responsabili-unici/:codiceFiscale')
  @ApiOperation({ summary: 'La PA di cui la persona è Responsabile unico' })
  @ApiOkResponse({ type: VerificationOrganizationResponse })
  @ApiNotFoundResponse({ description: 'La persona non è Responsabile unico di alcuna PA' })
  responsabile(
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string,
  ): Promise<VerificationOrganizationResponse> {
    return this.verifications.responsabileOf(cf);
  }

  @Delete('responsabili-unici/:codiceFiscale')
  @ApiOperation({ summary: 'Termina il ruolo di Responsabile unico (cambio di amministrazione)' })
  @ApiOkResponse({ type: VerificationOrganizationResponse })
  endResponsabile(
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string,
  ): Promise<VerificationOrganizationResponse> {
    return this.verifications.endResponsabile(cf);
  }

  @Get('raa-profiles/:codiceFiscale')
  @ApiOperation({ summary: 'Profilo RAA abilitato di una persona' })
  @ApiOkResponse({ type: RaaProfileResponse })
  raa(@Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string): Promise<RaaProfileResponse> {
    return this.verifications.raaProfile(cf);
  }
}
