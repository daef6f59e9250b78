import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import type { FastifyRequest } from 'fastify';
import { documentKindRules } from '../domain/document-kind.js';
import { receiveUpload } from '../documents/multipart-upload.js';
import { INSPECT_SIGNATURE_SCHEMA, SignatureVerdictResponse } from './dto/inspect-signature.dto.js';
import { SignaturesService, type SignatureVerdictJson } from './signatures.service.js';
import { SizeLimit } from './size-limit.js';

@ApiTags('signatures')
@Controller('signatures')
export class SignaturesController {
  constructor(private readonly signatures: SignaturesService) {}

  @Post('inspect')
  @HttpCode(200)
  @AllowActors('citizen', 'service')
  @ApiOperation({
    summary: 'Verifica la dichiarazione firmata digitalmente',
    description:
      'Modulo multipart: requestCode (il codice stampato sulla dichiarazione), poi il file firmato (PDF PAdES o ' +
      'busta .p7m CAdES, max 3 MB). Risponde, controllo per controllo, se il file è accettabile: è il PDF generato ' +
      'senza modifiche, è firmato, la firma è integra, chi ha firmato (nome e codice fiscale), se è il richiedente.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: INSPECT_SIGNATURE_SCHEMA })
  @ApiOkResponse({ type: SignatureVerdictResponse })
  async inspect(@CurrentActor() actor: Actor, @Req() request: FastifyRequest): Promise<SignatureVerdictJson> {
    const rules = documentKindRules('signed-declaration');
    let requestCode = '';
    const { fileName, bytes } = await receiveUpload(request, rules.maxBytes, async (fields) => {
      requestCode = await this.signatures.requestCodeFrom(actor, fields);
      return new SizeLimit(rules.maxBytes, rules.label);
    });
    return this.signatures.inspect(actor, requestCode, fileName, bytes);
  }
}
