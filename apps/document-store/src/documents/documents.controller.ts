import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@profila/platform';
import type { FastifyRequest } from 'fastify';
import { CurrentActor } from '../common/current-actor.decorator.js';
import { LARGEST_DOCUMENT_BYTES } from './domain/document-kind.js';
import { DocumentException } from './documents.exception.js';
import { DocumentsService, type PreparedUpload } from './documents.service.js';
import { DocumentListResponse, DocumentResponse, DownloadLinkResponse } from './dto/document.response.js';
import { ListDocumentsQuery } from './dto/list-documents.query.js';
import { UPLOAD_DOCUMENT_SCHEMA } from './dto/upload-document.dto.js';
import { receiveUpload } from './multipart-upload.js';

/** A malformed id is answered like an unknown one. */
const DocumentId = new ParseUUIDPipe({ exceptionFactory: () => DocumentException.notFound() });

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Carica un documento',
    description:
      'Modulo multipart: prima i campi kind, entityType, entityId (territory facoltativo), poi un solo file nel ' +
      'campo «file». Dimensione e formato sono controllati sul contenuto mentre il file arriva; un file rifiutato ' +
      'non lascia traccia. Un nuovo documento dello stesso tipo per la stessa entità sostituisce il precedente.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_DOCUMENT_SCHEMA })
  @ApiCreatedResponse({ type: DocumentResponse })
  async upload(@CurrentActor() actor: Actor, @Req() request: FastifyRequest): Promise<DocumentResponse> {
    let prepared: PreparedUpload | undefined;
    const { fileName, bytes, guard } = await receiveUpload(request, LARGEST_DOCUMENT_BYTES, async (fields) => {
      prepared = await this.documents.prepareUpload(actor, fields);
      return prepared.guard;
    });
    const doc = await this.documents.store(actor, prepared!, { fileName, bytes, summary: guard.summary });
    return DocumentResponse.of(doc);
  }

  @Get()
  @ApiOperation({ summary: "Documenti di un'entità visibili al chiamante" })
  @ApiOkResponse({ type: DocumentListResponse })
  async list(@CurrentActor() actor: Actor, @Query() query: ListDocumentsQuery): Promise<DocumentListResponse> {
    const docs = await this.documents.list(actor, query);
    return { items: docs.map(DocumentResponse.of) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Dati di un documento' })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiNotFoundResponse({ description: 'Documento inesistente o non visibile al chiamante' })
  async get(@CurrentActor() actor: Actor, @Param('id', DocumentId) id: string): Promise<DocumentResponse> {
    return DocumentResponse.of(await this.documents.get(actor, id));
  }

  @Post(':id/download-link')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Link di download temporaneo',
    description: 'URL firmato verso l’archivio dei documenti, valido pochi minuti.',
  })
  @ApiOkResponse({ type: DownloadLinkResponse })
  @ApiNotFoundResponse({ description: 'Documento inesistente o non visibile al chiamante' })
  async downloadLink(@CurrentActor() actor: Actor, @Param('id', DocumentId) id: string): Promise<DownloadLinkResponse> {
    const link = await this.documents.downloadLink(actor, id);
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Elimina un documento',
    description: 'Eliminazione logica: il documento non è più elencato né scaricabile.',
  })
  @ApiOkResponse({ type: DocumentResponse })
  async delete(@CurrentActor() actor: Actor, @Param('id', DocumentId) id: string): Promise<DocumentResponse> {
    return DocumentResponse.of(await this.documents.delete(actor, id));
  }
}
