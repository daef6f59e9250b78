import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CurrentActor, Public } from '@profila/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../common/content-disposition.js';
import { LARGEST_DOCUMENT_BYTES } from '../domain/document-kind.js';
import { DocumentException } from './documents.exception.js';
import { DocumentsService, type PreparedUpload } from './documents.service.js';
import { DocumentListResponse, DocumentResponse, DownloadLinkResponse } from './dto/document.response.js';
import { ListDocumentsQuery } from './dto/list-documents.query.js';
import { UPLOAD_DOCUMENT_SCHEMA } from './dto/upload-document.dto.js';
import { receiveUpload } from './multipart-upload.js';

/** A malformed id is answered like an unknown one. */
const DocumentId = new ParseUUIDPipe({ exceptionFactory: () => DocumentException.notFound() });
/** The path prefix the gateway serves this service under (`/api/document-store`); only path characters. */
const FORWARDED_PREFIX = /^(\/[A-Za-z0-9._-]+)*$/;

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Carica un documento',
    description:
      'Modulo multipart: prima i campi kind, entityType, entityId, poi un solo file nel campo «file». Dimensione e ' +
      'formato sono controllati sul contenuto mentre il file arriva; un file rifiutato non lascia traccia. Il nome ' +
      'del file è ripulito (caratteri di controllo e di direzione del testo, percorsi) e la sua estensione è quella ' +
      'del formato rilevato. Le pratiche di altri servizi (entityType diverso da citizen e organization) devono ' +
      'essere confermate dal servizio che le gestisce (LINKED_ENTITY_NOT_CONFIRMED, 403; ' +
      'LINKED_ENTITY_NOT_VERIFIABLE, 422, finché quel servizio non può confermarle); il territorio è quello della ' +
      'pratica e un cittadino non può indicarlo. Un nuovo documento dello stesso tipo per la stessa entità ' +
      'sostituisce il precedente.',
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

  @Get('download/:token')
  @Public()
  @ApiOperation({
    summary: 'Scarica un documento (link temporaneo)',
    description:
      'Il link restituito da POST /documents/{id}/download-link, valido al massimo 60 secondi e revocato ' +
      'quando il documento viene eliminato. Il contenuto è servito solo se corrisponde all’impronta SHA-256 ' +
      'registrata al caricamento (altrimenti DOCUMENT_INTEGRITY_FAILED, 502), sempre come allegato ' +
      '(Content-Disposition: attachment, X-Content-Type-Options: nosniff).',
  })
  @ApiProduces('application/pdf', 'application/pkcs7-mime', 'image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'Il file', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'Link scaduto, revocato o non valido (DOWNLOAD_LINK_INVALID)' })
  @ApiGoneResponse({ description: 'Documento eliminato (DOCUMENT_DELETED)' })
  async download(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { document, bytes } = await this.documents.download(token);
    void reply
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('referrer-policy', 'no-referrer');
    return new StreamableFile(bytes, {
      type: document.contentType,
      disposition: contentDisposition(document.fileName),
      length: bytes.length,
    });
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
    description:
      'Un link verso GET /documents/download/{token} di questo servizio (percorso sull’origine del chiamante), ' +
      'valido al massimo 60 secondi (expiresAt) e utilizzabile senza sessione: chi lo riceve può scaricare il ' +
      'documento fino alla scadenza. Eliminare il documento revoca subito i link già emessi. Il file è servito ' +
      'dopo aver verificato che il contenuto archiviato sia quello caricato.',
  })
  @ApiOkResponse({ type: DownloadLinkResponse })
  @ApiNotFoundResponse({ description: 'Documento inesistente o non visibile al chiamante' })
  @ApiGoneResponse({ description: 'Documento eliminato (DOCUMENT_DELETED)' })
  async downloadLink(
    @CurrentActor() actor: Actor,
    @Param('id', DocumentId) id: string,
    @Req() request: FastifyRequest,
  ): Promise<DownloadLinkResponse> {
    const link = await this.documents.downloadLink(actor, id, forwardedPrefix(request));
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Elimina un documento',
    description:
      'Eliminazione logica: il documento non è più elencato né scaricabile e i link di download già emessi ' +
      'smettono subito di funzionare.',
  })
  @ApiOkResponse({ type: DocumentResponse })
  async delete(@CurrentActor() actor: Actor, @Param('id', DocumentId) id: string): Promise<DocumentResponse> {
    return DocumentResponse.of(await this.documents.delete(actor, id));
  }
}

function forwardedPrefix(request: FastifyRequest): string {
  const prefix = request.headers['x-forwarded-prefix'];
  return typeof prefix === 'string' && FORWARDED_PREFIX.test(prefix) ? prefix : '';
}
