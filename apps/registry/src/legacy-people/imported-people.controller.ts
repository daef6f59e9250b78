import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import { OrganizationId } from '../common/ids.js';
import { ImportedPeoplePageResponse, ListImportedPeopleQuery } from './dto/imported-person.dto.js';
import { ImportedPeopleService } from './imported-people.service.js';

@ApiTags('organigram')
@Controller('organizations/:id/members/imported')
// Citizens only: no service needs the legacy people (the organigram's readers read memberships), so their personal
// data stay with who manages the organigram.
@AllowActors('citizen')
export class ImportedPeopleController {
  constructor(private readonly people: ImportedPeopleService) {}

  @Get()
  @ApiOperation({
    summary: 'Utenti importati dal sistema precedente',
    description:
      "Le persone che il sistema precedente indicava per l'organizzazione (referenti, personale delle sedi) e che " +
      "non sono nell'organigramma. Non hanno alcun ruolo: si aggiungono con «Aggiungi un utente», scegliendo i ruoli.",
  })
  @ApiOkResponse({ type: ImportedPeoplePageResponse })
  @ApiForbiddenResponse({ description: "Riservato a chi gestisce l'organigramma (amministratore o ANAGRAFICA)" })
  @ApiNotFoundResponse({ description: 'Organizzazione inesistente, o non visibile al chiamante' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Query() query: ListImportedPeopleQuery,
  ): Promise<ImportedPeoplePageResponse> {
    return this.people.list(actor, id, query);
  }
}
