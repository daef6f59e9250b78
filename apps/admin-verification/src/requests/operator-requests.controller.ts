import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CodiceFiscalePersonaPipe } from '@profila/italian';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import { EndResponsabileResponse } from '../operators/dto/operators.dto.js';
import { requestNotFound } from '../operators/operator-access.js';
import { QueueQuery } from './dto/queue.query.js';
import { IntegrationDto, PublicAdministrationDto, RejectDto } from './dto/request-forms.dto.js';
import {
  DocumentSignatureResponse,
  DownloadLinkResponse,
  VerificationRequestListResponse,
  VerificationRequestResponse,
} from './dto/request.response.js';
import { OperatorRequestsService } from './operator-requests.service.js';
import { RequestId } from './requests.controller.js';

const DocumentId = new ParseUUIDPipe({ exceptionFactory: () => requestNotFound() });

/** The operators' queue and decisions: only requests of their territory (anything else is 404). */
@ApiTags('operator-requests')
@AllowActors('citizen')
@Controller('operator')
export class OperatorRequestsController {
  constructor(private readonly requests: OperatorRequestsService) {}

  @Get('requests')
  @ApiOperation({ summary: 'Coda delle richieste del territorio (per tipo, stato, provincia, attesa)' })
  @ApiOkResponse({ type: VerificationRequestListResponse })
  async queue(@CurrentActor() actor: Actor, @Query() query: QueueQuery): Promise<VerificationRequestListResponse> {
    return { items: await this.requests.queue(actor, query) };
  }

  @Get('requests/:id')
  @ApiOperation({ summary: 'Dettaglio con documenti e storico' })
  @ApiOkResponse({ type: VerificationRequestResponse })
  detail(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<VerificationRequestResponse> {
    return this.requests.detail(actor, id);
  }

  @Post('requests/:id/take')
  @HttpCode(200)
  @ApiOperation({ summary: 'Prendi in carico' })
  @ApiOkResponse({ type: VerificationRequestResponse })
  take(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<VerificationRequestResponse> {
    return this.requests.take(actor, id);
  }

  @Post('requests/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Abilitato' })
  @ApiOkResponse({ type: VerificationRequestResponse })
  approve(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<VerificationRequestResponse> {
    return this.requests.approve(actor, id);
  }

  @Post('requests/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Respinto (motivazione obbligatoria)' })
  @ApiOkResponse({ type: VerificationRequestResponse })
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: RejectDto,
  ): Promise<VerificationRequestResponse> {
    return this.requests.reject(actor, id, body.reason);
  }

  @Post('requests/:id/integration')
  @HttpCode(200)
  @ApiOperation({ summary: 'Da integrare (cosa manca)' })
  @ApiOkResponse({ type: VerificationRequestResponse })
  integration(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: IntegrationDto,
  ): Promise<VerificationRequestResponse> {
    return this.requests.requestIntegration(actor, id, body.missing);
  }

  @Post('requests/:id/documents/:documentId/link')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link temporaneo a un documento della richiesta (anteprima)' })
  @ApiOkResponse({ type: DownloadLinkResponse })
  documentLink(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Param('documentId', DocumentId) documentId: string,
  ): Promise<DownloadLinkResponse> {
    return this.requests.documentLink(actor, id, documentId);
  }

  @Get('requests/:id/documents/:documentId/signature')
  @ApiOperation({ summary: 'Verifica della firma digitale di un documento della richiesta (firmatario, validità)' })
  @ApiOkResponse({ type: DocumentSignatureResponse })
  documentSignature(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Param('documentId', DocumentId) documentId: string,
  ): Promise<DocumentSignatureResponse> {
    return this.requests.documentSignature(actor, id, documentId);
  }

  @Put('requests/:id/public-administration')
  @ApiOperation({ summary: "Aggiunge all'anagrafica la PA della richiesta (dati IPA o inseriti dall'operatore)" })
  @ApiOkResponse({ type: VerificationRequestResponse })
  addPa(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: PublicAdministrationDto,
  ): Promise<VerificationRequestResponse> {
    return this.requests.addPublicAdministration(actor, id, body);
  }

  @Delete('responsabili-unici/:codiceFiscale')
  @ApiOperation({ summary: 'Termina il ruolo di Responsabile unico (cambio di amministrazione)' })
  @ApiOkResponse({ type: EndResponsabileResponse })
  endResponsabile(
    @CurrentActor() actor: Actor,
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string,
  ): Promise<EndResponsabileResponse> {
    return this.requests.endResponsabile(actor, cf);
  }
}
