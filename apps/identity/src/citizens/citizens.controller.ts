import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowActors } from '@profila/platform';
import { CodiceFiscalePipe } from './codice-fiscale.pipe.js';
import { CitizensService } from './citizens.service.js';
import { CitizenResponse } from './dto/citizen.response.js';
import { UpsertCitizenDto } from './dto/upsert-citizen.dto.js';

/** Service API: logins from the SAML ACS and legacy imports create or refresh citizen accounts. */
@ApiTags('citizens')
@AllowActors('service')
@Controller('citizens')
export class CitizensController {
  constructor(private readonly citizens: CitizensService) {}

  @Put(':codiceFiscale')
  async upsert(@Param('codiceFiscale', CodiceFiscalePipe) cf: string, @Body() body: UpsertCitizenDto) {
    const { citizen, created } = await this.citizens.recordLogin(cf, body);
    return { created, citizen: CitizenResponse.of(citizen) };
  }

  @Get(':codiceFiscale')
  async get(@Param('codiceFiscale', CodiceFiscalePipe) cf: string): Promise<CitizenResponse> {
    return CitizenResponse.of(await this.citizens.get(cf));
  }
}
