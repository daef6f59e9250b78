import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import { AddAttachmentDto, AddWorkerDto, RaaRequestFormDto } from './dto/request-forms.dto.js';
import {
  DownloadLinkResponse,
  RaaProfileResponse,
  RaaRequestListResponse,
  RaaRequestResponse,
} from './dto/request.response.js';
import { requestNotFound, RequestsService } from './requests.service.js';

export const RequestId = new ParseUUIDPipe({ exceptionFactory: () => requestNotFound() });

/** The requester's richieste di accesso agli atti (an enabled RAA profile is required: 403 RAA_PROFILE_REQUIRED). */
@ApiTags('requests')
@AllowActors('citizen')
@Controller()
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Get('me/profile')
  @ApiOperation({ summary: 'Il mio profilo RAA (abilitato o no) e le scelte del modulo' })
  @ApiOkResponse({ type: RaaProfileResponse })
  profile(@CurrentActor() actor: Actor): Promise<RaaProfileResponse> {
    return this.requests.profile(actor);
  }

  @Get('requests')
  @ApiOperation({ summary: 'Richieste di accesso agli atti (le mie)' })
  @ApiOkResponse({ type: RaaRequestListResponse })
  async list(@CurrentActor() actor: Actor): Promise<RaaRequestListResponse> {
    return { items: await this.requests.list(actor) };
  }

  @Post('requests')
  @ApiOperation({ summary: 'Nuova richiesta: salva in bozza' })
  @ApiCreatedResponse({ type: RaaRequestResponse })
  create(@CurrentActor() actor: Actor, @Body() body: RaaRequestFormDto): Promise<RaaRequestResponse> {
    return this.requests.create(actor, body);
  }

  @Get('requests/:id')
  @ApiOperation({ summary: 'Dettaglio (con la risposta, quando evasa)' })
  @ApiOkResponse({ type: RaaRequestResponse })
  get(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<RaaRequestResponse> {
    return this.requests.get(actor, id);
  }

  @Put('requests/:id')
  @ApiOperation({ summary: 'Salva in bozza (solo in BOZZA; una richiesta inviata: 409 REQUEST_NOT_EDITABLE)' })
  @ApiOkResponse({ type: RaaRequestResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: RaaRequestFormDto,
  ): Promise<RaaRequestResponse> {
    return this.requests.update(actor, id, body);
  }

  @Post('requests/:id/workers')
  @ApiOperation({
    summary: 'Aggiunge il codice fiscale di un lavoratore',
    description:
      'Il codice fiscale è verificato (carattere di controllo) e cercato nella banca dati dei rapporti di lavoro ' +
      '(la consultazione è registrata): se assente il lavoratore resta, con l’avviso «nessuna informazione presente ' +
      'per il lavoratore».',
  })
  @ApiCreatedResponse({ type: RaaRequestResponse })
  addWorker(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: AddWorkerDto,
  ): Promise<RaaRequestResponse> {
    return this.requests.addWorker(actor, id, body);
  }

  @Delete('requests/:id/workers/:workerId')
  @ApiOperation({ summary: 'Elimina un lavoratore dalla bozza' })
  @ApiOkResponse({ type: RaaRequestResponse })
  removeWorker(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Param('workerId', RequestId) workerId: string,
  ): Promise<RaaRequestResponse> {
    return this.requests.removeWorker(actor, id, workerId);
  }

  @Post('requests/:id/attachments')
  @ApiOperation({
    summary: 'Allega un documento caricato in document-store',
    description: 'Caricare prima il file in document-store: kind raa-attachment, entityType raa-request, entityId id.',
  })
  @ApiCreatedResponse({ type: RaaRequestResponse })
  addAttachment(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: AddAttachmentDto,
  ): Promise<RaaRequestResponse> {
    return this.requests.addAttachment(actor, id, body);
  }

  @Delete('requests/:id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Elimina un allegato dalla bozza' })
  @ApiOkResponse({ type: RaaRequestResponse })
  removeAttachment(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Param('attachmentId', RequestId) attachmentId: string,
  ): Promise<RaaRequestResponse> {
    return this.requests.removeAttachment(actor, id, attachmentId);
  }

  @Post('requests/:id/attachments/:attachmentId/download-link')
  @HttpCode(200)
  @ApiOperation({ summary: 'Scarica un allegato (link temporaneo di document-store)' })
  @ApiOkResponse({ type: DownloadLinkResponse })
  attachmentLink(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Param('attachmentId', RequestId) attachmentId: string,
  ): Promise<DownloadLinkResponse> {
    return this.requests.attachmentLink(actor, id, attachmentId);
  }

  @Post('requests/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Annulla la bozza (ANNULLATA)' })
  @ApiOkResponse({ type: RaaRequestResponse })
  cancel(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<RaaRequestResponse> {
    return this.requests.cancel(actor, id);
  }

  @Post('requests/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Invia e protocolla: INVIATA, numero e data di protocollo; non più modificabile' })
  @ApiOkResponse({ type: RaaRequestResponse })
  submit(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<RaaRequestResponse> {
    return this.requests.submit(actor, id);
  }

  @Get('requests/:id/pdf')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Stampa: la richiesta e la sua risposta in PDF' })
  @ApiProduces('application/pdf')
  async print(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<StreamableFile> {
    const { bytes, fileName } = await this.requests.print(actor, id);
    return new StreamableFile(bytes, { type: 'application/pdf', disposition: `inline; filename="${fileName}"` });
  }
}
