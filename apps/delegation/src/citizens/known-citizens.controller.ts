import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CodiceFiscalePipe } from '@profila/italian';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import { KnownCitizenResponse, KnownCitizenSearchResponse } from './dto/known-citizen.response.js';
import { SearchKnownCitizensQuery } from './dto/search-known-citizens.query.js';
import { KnownCitizensService } from './known-citizens.service.js';

/** Who may receive a delega: the citizens who have logged in at least once. */
@ApiTags('citizens')
@Controller('known-citizens')
export class KnownCitizensController {
  constructor(private readonly knownCitizens: KnownCitizensService) {}

  /** "Ricerca destinatario" of the delega flow: rate-limited per actor and audited. */
  @Get()
  @AllowActors('citizen', 'operator')
  @ApiOkResponse({ type: KnownCitizenSearchResponse })
  search(@Query() query: SearchKnownCitizensQuery, @CurrentActor() actor: Actor): Promise<KnownCitizenSearchResponse> {
    return this.knownCitizens.search(actor, query.codiceFiscale);
  }

  /** The name behind an exact codice fiscale: services only (a citizen could otherwise read anyone's name). */
  @Get(':codiceFiscale')
  @AllowActors('service')
  @ApiOkResponse({ type: KnownCitizenResponse })
  get(@Param('codiceFiscale', CodiceFiscalePipe) codiceFiscale: string): Promise<KnownCitizenResponse> {
    return this.knownCitizens.get(codiceFiscale);
  }
}
