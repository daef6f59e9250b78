import { Body, Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import type { FastifyReply } from 'fastify';
import type { GeneratedPdf } from '../pdf/pdf-metadata.js';
import { contentDisposition } from '../common/content-disposition.js';
import { AssociationDeclarationDto } from './dto/association-declaration.dto.js';
import { BlankDelegaQuery, DelegaTemplateDto } from './dto/delega-template.dto.js';
import { TemplatesService } from './templates.service.js';

/** Header carrying the request code printed in the PDF (also in its metadata). */
export const REQUEST_CODE_HEADER = 'x-profila-request-code';
const PDF_RESPONSE = { description: 'Il PDF', schema: { type: 'string', format: 'binary' } };

@ApiTags('templates')
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Post('association-declaration')
  @HttpCode(200)
  @AllowActors('citizen', 'service')
  @ApiOperation({
    summary: "Dichiarazione per l'associazione del profilo aziendale (PDF da firmare)",
    description:
      'PDF con i dati del cittadino (codice fiscale dell’accesso) e dell’azienda e un codice richiesta univoco ' +
      `(anche nell’intestazione ${REQUEST_CODE_HEADER}): va firmato digitalmente senza modifiche e caricato.`,
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  async associationDeclaration(
    @CurrentActor() actor: Actor,
    @Body() body: AssociationDeclarationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return pdfFile(await this.templates.associationDeclaration(actor, body), reply);
  }

  @Post('delega')
  @HttpCode(200)
  @ApiOperation({
    summary: "Documento di delega per la nomina dell'amministratore aziendale (PDF)",
    description: 'Compilato con i dati dell’azienda e dell’amministratore, da far firmare al legale rappresentante.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  async delega(
    @Body() body: DelegaTemplateDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return pdfFile(await this.templates.delega(body), reply);
  }

  @Get('delega')
  @ApiOperation({ summary: 'Modello del documento di delega da compilare a mano (PDF)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  async blankDelega(
    @Query() query: BlankDelegaQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return pdfFile(await this.templates.blankDelega(query.portal), reply);
  }
}

function pdfFile(pdf: GeneratedPdf, reply: FastifyReply): StreamableFile {
  void reply.header(REQUEST_CODE_HEADER, pdf.requestCode).header('x-content-type-options', 'nosniff');
  return new StreamableFile(Buffer.from(pdf.bytes), {
    type: 'application/pdf',
    disposition: contentDisposition(pdf.fileName),
    length: pdf.size,
  });
}
