import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CodiceFiscalePersonaPipe } from '@profila/italian';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import type { RaaState } from './domain/raa-request.machine.js';
import { AnswerDraftQuery, AnswerDto, RefuseDto } from './dto/request-forms.dto.js';
import {
  AnswerDraftResponse,
  DownloadLinkResponse,
  EmploymentLookupListResponse,
  RaaRequestResponse,
  RaaRequestSummary,
} from './dto/request.response.js';
import { OfficerRequestsService, QUEUE_STATES } from './officer-requests.service.js';
import { RequestId } from './requests.controller.js';

export class QueueQuery {
  @ApiPropertyOptional({ enum: QUEUE_STATES, description: 'Solo questo stato (default: tutti gli inviati)' })
  @IsOptional()
  @IsIn(QUEUE_STATES, { message: 'Stato non valido' })
  stato?: RaaState;
}

export class OfficerQueueResponse {
  @ApiProperty({ type: [String], description: 'Le province servite dalle unità del funzionario' })
  province!: string[];
  @ApiProperty({ type: [RaaRequestSummary] }) items!: RaaRequestSummary[];
}

/** The officers of the territory: queue, detail, answer (EVASA), refusal (RESPINTA); other territories answer 404. */
@ApiTags('officer-requests')
@AllowActors('citizen')
@Controller('officer')
export class OfficerRequestsController {
  constructor(private readonly requests: OfficerRequestsService) {}

  @Get('requests')
  @ApiOperation({ summary: 'Richieste in arrivo del territorio' })
  @ApiOkResponse({ type: OfficerQueueResponse })
  queue(@CurrentActor() actor: Actor, @Query() query: QueueQuery): Promise<OfficerQueueResponse> {
    return this.requests.queue(actor, query.stato);
  }

  @Get('requests/:id')
  @ApiOperation({ summary: 'Dettaglio con allegati' })
  @ApiOkResponse({ type: RaaRequestResponse })
  get(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<RaaRequestResponse> {
    return this.requests.get(actor, id);
  }

  @Get('requests/:id/answer-draft')
  @ApiOperation({
    summary:
      'Risposta proposta dalla banca dati dei rapporti di lavoro alla data di ricerca (consultazione registrata)',
  })
  @ApiOkResponse({ type: AnswerDraftResponse })
  answerDraft(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Query() query: AnswerDraftQuery,
  ): Promise<AnswerDraftResponse> {
    return this.requests.answerDraft(actor, id, query.dataRicerca);
  }

  @Post('requests/:id/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Evadi: situazione lavorativa di ogni lavoratore e Risposta provincia (EVASA)' })
  @ApiOkResponse({ type: RaaRequestResponse })
  answer(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: AnswerDto,
  ): Promise<RaaRequestResponse> {
    return this.requests.answer(actor, id, body);
  }

  @Post('requests/:id/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Respingi, con il motivo (RESPINTA)' })
  @ApiOkResponse({ type: RaaRequestResponse })
  refuse(
    @CurrentActor() actor: Actor,
    @Param('id', RequestId) id: string,
    @Body() body: RefuseDto,
  ): Promise<RaaRequestResponse> {
    return this.requests.refuse(actor, id, body);
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

  @Get('requests/:id/pdf')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Stampa la richiesta e la risposta in PDF' })
  @ApiProduces('application/pdf')
  async print(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<StreamableFile> {
    const { bytes, fileName } = await this.requests.print(actor, id);
    return new StreamableFile(bytes, { type: 'application/pdf', disposition: `inline; filename="${fileName}"` });
  }

  @Get('workers/:codiceFiscale/lookups')
  @ApiOperation({
    summary: 'Chi ha consultato la situazione lavorativa del lavoratore (chi, richiesta, quando, perché)',
  })
  @ApiOkResponse({ type: EmploymentLookupListResponse })
  async lookups(
    @CurrentActor() actor: Actor,
    @Param('codiceFiscale', CodiceFiscalePersonaPipe) cf: string,
  ): Promise<EmploymentLookupListResponse> {
    return { items: await this.requests.lookups(actor, cf) };
  }
}
