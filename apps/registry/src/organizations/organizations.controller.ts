import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import { OrganizationId } from '../common/ids.js';
import {
  HistoryResponse,
  MyProfilesResponse,
  OrganizationResponse,
  OrganizationSearchResponse,
  RegisteredOrganizationResponse,
} from './dto/organization.response.js';
import { LegalRepresentativeDto } from './dto/person.dto.js';
import {
  RegisterEnteOperatoreDto,
  RegisterForeignCompanyDto,
  RegisterItalianCompanyDto,
  RegisterPublicAdministrationDto,
} from './dto/register-organization.dto.js';
import {
  SEARCH_TEXT_MESSAGE,
  type SearchOrganizationsQuery,
  SearchOrganizationsQueryPipe,
} from './dto/search.query.js';
import { UpdateOrganizationDto } from './dto/update-organization.dto.js';
import type { Organization } from './organization.entity.js';
import { OrganizationsService } from './organizations.service.js';

const NOT_VISIBLE = { description: 'Organizzazione inesistente o per cui il chiamante non può operare' };
const ALREADY = { description: 'ORGANIZATION_ALREADY_REGISTERED: codice fiscale già presente in archivio' };

@ApiTags('organizations')
@Controller()
@AllowActors('citizen', 'service')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get('organizations/search')
  @ApiOperation({
    summary: 'Ricerca profili associabili',
    description: 'Per ragione sociale (almeno 3 caratteri) o codice fiscale: solo ragione sociale, CF e comune.',
  })
  @ApiQuery({ name: 'q', required: true, description: SEARCH_TEXT_MESSAGE, example: 'PROVA' })
  @ApiQuery({ name: 'tipo', required: false, enum: ['italiane', 'estere'], description: 'Aziende italiane / estere' })
  @ApiOkResponse({ type: OrganizationSearchResponse })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: testo troppo corto o lungo, tipo non previsto' })
  async search(
    @Query(new SearchOrganizationsQueryPipe()) query: SearchOrganizationsQuery,
  ): Promise<OrganizationSearchResponse> {
    return { items: await this.organizations.search(query.q, query.tipo) };
  }

  @Post('organizations/italiane')
  @ApiOperation({ summary: 'Registra azienda italiana' })
  @ApiCreatedResponse({ type: RegisteredOrganizationResponse })
  @ApiConflictResponse(ALREADY)
  async registerItalian(@Body() body: RegisterItalianCompanyDto): Promise<RegisteredOrganizationResponse> {
    return registered(await this.organizations.registerItalian(body));
  }

  @Post('organizations/estere')
  @ApiOperation({ summary: 'Registra azienda estera' })
  @ApiCreatedResponse({ type: RegisteredOrganizationResponse })
  @ApiConflictResponse({ description: 'ORGANIZATION_ALREADY_REGISTERED: codice identificativo già presente' })
  async registerForeign(@Body() body: RegisterForeignCompanyDto): Promise<RegisteredOrganizationResponse> {
    return registered(await this.organizations.registerForeign(body));
  }

  @Post('organizations/enti')
  @ApiOperation({ summary: 'Registra ente operatore (Regione, agenzia per il lavoro, patronato, ente di formazione…)' })
  @ApiCreatedResponse({ type: RegisteredOrganizationResponse })
  @ApiConflictResponse(ALREADY)
  async registerEnte(@Body() body: RegisterEnteOperatoreDto): Promise<RegisteredOrganizationResponse> {
    return registered(await this.organizations.registerEnte(body));
  }

  @Post('organizations/pubbliche-amministrazioni')
  @ApiOperation({ summary: 'Registra pubblica amministrazione' })
  @ApiCreatedResponse({ type: RegisteredOrganizationResponse })
  @ApiConflictResponse(ALREADY)
  async registerPa(@Body() body: RegisterPublicAdministrationDto): Promise<RegisteredOrganizationResponse> {
    return registered(await this.organizations.registerPublicAdministration(body));
  }

  @Get('me/organizations')
  @AllowActors('citizen')
  @ApiOperation({
    summary: 'I tuoi profili',
    description: 'Ragione sociale (Codice fiscale), Tipo profilo, Tipo soggetto abilitato, ruolo.',
  })
  @ApiOkResponse({ type: MyProfilesResponse })
  async mine(@CurrentActor() actor: Actor): Promise<MyProfilesResponse> {
    return { items: await this.organizations.myProfiles(actor) };
  }

  @Get('organizations/:id')
  @ApiOperation({ summary: 'Dettaglio profilo (Dati azienda, Tipologia azienda, rappresentante legale)' })
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  detail(@CurrentActor() actor: Actor, @Param('id', OrganizationId) id: string): Promise<OrganizationResponse> {
    return this.organizations.detail(actor, id);
  }

  @Put('organizations/:id')
  @ApiOperation({ summary: 'Modifica dati azienda', description: 'Amministratore o ruolo ANAGRAFICA.' })
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Body() body: UpdateOrganizationDto,
  ): Promise<OrganizationResponse> {
    return this.organizations.update(actor, id, body);
  }

  @Put('organizations/:id/legal-representative')
  @ApiOperation({
    summary: 'Salva il rappresentante legale',
    description: 'Data e luogo di nascita controllati sul codice fiscale; sblocca unità operative e utenti.',
  })
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  legalRepresentative(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Body() body: LegalRepresentativeDto,
  ): Promise<OrganizationResponse> {
    return this.organizations.setLegalRepresentative(actor, id, body);
  }

  @Get('organizations/:id/history')
  @ApiOperation({ summary: 'Storico: chi, per conto di chi, quando, cosa è cambiato' })
  @ApiOkResponse({ type: HistoryResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  async history(@CurrentActor() actor: Actor, @Param('id', OrganizationId) id: string): Promise<HistoryResponse> {
    return { items: await this.organizations.history(actor, id) };
  }
}

function registered(o: Organization): RegisteredOrganizationResponse {
  return { id: o.id, ragioneSociale: o.ragioneSociale, codiceFiscale: o.codiceFiscale ?? o.codiceIdentificativo };
}
