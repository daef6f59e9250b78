import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AllowActors } from '@profila/platform';
import { KnownCitizen } from './known-citizen.entity.js';

/** Whether a codice fiscale may receive a delega (the citizen has logged in at least once). */
@ApiTags('citizens')
@AllowActors('service', 'operator', 'citizen')
@Controller('known-citizens')
export class KnownCitizensController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':codiceFiscale')
  async get(@Param('codiceFiscale') cf: string) {
    const citizen = await this.dataSource.getRepository(KnownCitizen).findOneBy({ codiceFiscale: cf.toUpperCase() });
    if (!citizen) {
      throw new NotFoundException({
        code: 'CITIZEN_NEVER_LOGGED_IN',
        message: 'Il cittadino non ha mai effettuato l’accesso: non può ricevere deleghe',
      });
    }
    return { codiceFiscale: citizen.codiceFiscale, nome: citizen.nome, cognome: citizen.cognome };
  }
}
