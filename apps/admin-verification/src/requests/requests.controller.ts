import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor, Public } from '@profila/platform';
import { requestNotFound } from '../operators/operator-access.js';
import { AmministratoreRequestDto, RaaRequestDto, ResponsabileUnicoRequestDto } from './dto/request-forms.dto.js';
import {
  PecConfirmationResponse,
  VerificationRequestListResponse,
  VerificationRequestResponse,
} from './dto/request.response.js';
import { RequestsService } from './requests.service.js';

export const RequestId = new ParseUUIDPipe({ exceptionFactory: () => requestNotFound() });

/** The applicant's requests: save (draft), upload the documents to document-store, send, change, resubmit. */
@ApiTags('requests')
@AllowActors('citizen')
@Controller()
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post('requests/amministratore')
  @ApiOperation({
    summary: 'Gestione dati amministratore: nuova richiesta (bozza)',
    description:
      'Dati Amministratore Aziendale. I documenti (Delega, Doc Riconoscimento, Doc Riconoscimento Rappr. Legale) si ' +
      'caricano poi in document-store (entityType admin-verification-request, entityId dei «documents»); «Invia» ' +
      'manda la richiesta all’operatore.',
  })
  @ApiCreatedResponse({ type: VerificationRequestResponse })
  amministratore(
    @CurrentActor() actor: Actor,
    @Body() body: AmministratoreRequestDto,
  ): Promise<VerificationRequestResponse> {
    return this.requests.create(actor, { kind: 'amministratore', dto: body });
  }

  @Post('requests/responsabile-unico')
  @ApiOperation({ summary: 'Registrazione amministrazione: Responsabile unico (bozza)' })
  @ApiCreatedResponse({ type: VerificationRequestResponse })
  responsabile(
    @CurrentActor() actor: Actor,
    @Body() body: ResponsabileUnicoRequestDto,
  ): Promise<VerificationRequestResponse> {
    return this.requests.create(actor, { kind: 'responsabile-unico', dto: body });
  }

  @Post('requests/raa')
  @ApiOperation({ summary: 'Registrazione avvocati ed enti autorizzati per accesso agli atti (bozza)' })
  @ApiCreatedResponse({ type: VerificationRequestResponse })
  raa(@CurrentActor() actor: Actor, @Body() body: RaaRequestDto): Promise<VerificationRequestResponse> {
    return this.requests.create(actor, { kind: 'raa', dto: body });
  }

  @Put('requests/:id/amministratore')
  @ApiOperation({ summary: 'Modifica (finché nessun operatore la prende in carico, o dopo «Da integrare»)' })
  @ApiOkResponse({ type: VerificationRequestResponse })
  updateAmministratore(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: AmministratoreRequestDto,
  ): Promise<VerificationRequestResponse> {
    return this.requests.update(actor, id, { kind: 'amministratore', dto: body });
  }

  @Put('requests/:id/responsabile-unico')
  @ApiOkResponse({ type: VerificationRequestResponse })
  updateResponsabile(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: ResponsabileUnicoRequestDto,
  ): Promise<VerificationRequestResponse> {
    return this.requests.update(actor, id, { kind: 'responsabile-unico', dto: body });
  }

  @Put('requests/:id/raa')
  @ApiOkResponse({ type: VerificationRequestResponse })
  updateRaa(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: RaaRequestDto,
  ): Promise<VerificationRequestResponse> {
    return this.requests.update(actor, id, { kind: 'raa', dto: body });
  }

  @Post('requests/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Invia la richiesta (i documenti devono essere caricati)' })
  @ApiOkResponse({ type: VerificationRequestResponse })
  submit(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<VerificationRequestResponse> {
    return this.requests.submit(actor, id);
  }

  @Post('requests/:id/resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Invia l’integrazione richiesta dall’operatore' })
  @ApiOkResponse({ type: VerificationRequestResponse })
  resubmit(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<VerificationRequestResponse> {
    return this.requests.resubmit(actor, id);
  }

  @Get('requests')
  @ApiOperation({ summary: 'Le mie richieste di abilitazione' })
  @ApiOkResponse({ type: VerificationRequestListResponse })
  async list(@CurrentActor() actor: Actor): Promise<VerificationRequestListResponse> {
    return { items: await this.requests.list(actor) };
  }

  @Get('requests/:id')
  @ApiOkResponse({ type: VerificationRequestResponse })
  get(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<VerificationRequestResponse> {
    return this.requests.get(actor, id);
  }

  @Post('pec-confirmations/:token')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Conferma della PEC',
    description:
      'Il link inviato alla PEC dichiarata apre la pagina /conferma-pec/<token> del portale, che chiama questo ' +
      'endpoint (POST: un link aperto da un filtro antispam non conferma nulla).',
  })
  @ApiOkResponse({ type: PecConfirmationResponse })
  confirmPec(@Param('token') token: string): Promise<PecConfirmationResponse> {
    return this.requests.confirmPec(token);
  }
}
