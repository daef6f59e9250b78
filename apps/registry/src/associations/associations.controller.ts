import { Body, Controller, Delete, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OrganizationId } from '../common/ids.js';
import { AssociationsService } from './associations.service.js';
import {
  ASSOCIATE_SCHEMA,
  AssociationResponse,
  DeclarationRequestDto,
  RevocationResponse,
} from './dto/association.dto.js';
import { readSignedUpload } from './signed-upload.js';

const ALREADY = { description: 'ORGANIZATION_ALREADY_ASSIGNED: «Azienda già assegnata»' };

@ApiTags('associations')
@Controller('organizations/:id/association')
@AllowActors('citizen')
export class AssociationsController {
  constructor(private readonly associations: AssociationsService) {}

  @Post('declaration')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Passo 1: scarica la dichiarazione da firmare (PDF)',
    description: 'Generata da document-store; il codice richiesta è nell’intestazione x-profila-request-code.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Il PDF', schema: { type: 'string', format: 'binary' } })
  @ApiConflictResponse(ALREADY)
  async declaration(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Body() body: DeclarationRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const pdf = await this.associations.declaration(actor, id, body);
    void reply.header('x-profila-request-code', pdf.requestCode);
    return new StreamableFile(pdf.bytes, {
      type: 'application/pdf',
      disposition: `attachment; filename="${pdf.fileName.replace(/[^\w.-]/g, '_')}"`,
      length: pdf.bytes.length,
    });
  }

  @Post()
  @ApiOperation({
    summary: 'Passo 3: carica la dichiarazione firmata e associa il profilo',
    description:
      'Modulo multipart: requestCode, dichiarazione=true, poi il file (PAdES o .p7m CAdES, max 3 MB). Verificata ' +
      'da document-store; se accettata il cittadino diventa amministratore.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: ASSOCIATE_SCHEMA })
  @ApiCreatedResponse({ type: AssociationResponse })
  @ApiConflictResponse(ALREADY)
  async associate(
    @CurrentActor() actor: Actor,
    @Param('id', OrganizationId) id: string,
    @Req() request: FastifyRequest,
  ): Promise<AssociationResponse> {
    const upload = await readSignedUpload(request);
    const { association, membership } = await this.associations.associate(actor, id, upload);
    return {
      message: 'Associazione effettuata correttamente',
      organizationId: id,
      associationId: association.id,
      documentId: association.documentId!,
      membershipId: membership.id,
    };
  }

  @Delete()
  @ApiOperation({ summary: 'Revoca profilo', description: "Solo l'amministratore; l'azienda resta, associabile." })
  @ApiOkResponse({ type: RevocationResponse })
  async revoke(@CurrentActor() actor: Actor, @Param('id', OrganizationId) id: string): Promise<RevocationResponse> {
    await this.associations.revoke(actor, id);
    return { message: 'Profilo revocato', organizationId: id };
  }
}
