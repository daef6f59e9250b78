import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CodiceFiscalePersonaPipe } from '@profila/italian';
import { AllowActors } from '@profila/platform';
import { CitizensService } from './citizens.service.js';
import { CitizenResponse, UpsertCitizenResponse } from './dto/citizen.response.js';
import { UpsertCitizenDto } from './dto/upsert-citizen.dto.js';

/** Service API: logins from the SAML ACS and legacy imports create or refresh citizen accounts. */
@ApiTags('citizens')
@AllowActors('service')
@Controller('citizens')
export class CitizensController {
  constructor(private readonly citizens: CitizensService) {}

  @Put(':codiceFiscale')
  @ApiOkResponse({ type: UpsertCitizenResponse })
  async upsert(
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string,
    @Body() body: UpsertCitizenDto,
  ): Promise<UpsertCitizenResponse> {
    const { citizen, created } = await this.citizens.recordLogin(cf, body);
    return { created, citizen: CitizenResponse.of(citizen) };
  }

  @Get(':codiceFiscale')
  @ApiOkResponse({ type: CitizenResponse })
  async get(@Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string): Promise<CitizenResponse> {
    return CitizenResponse.of(await this.citizens.get(cf));
  }
}
