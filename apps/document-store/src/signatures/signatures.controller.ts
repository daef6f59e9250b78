import type { Transform } from 'node:stream';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, AllowActors, CurrentActor } from '@profila/platform';
import type { FastifyRequest } from 'fastify';
import { documentKindRules } from '../domain/document-kind.js';
import { DocumentException } from '../documents/documents.exception.js';
import type { PreparedUpload } from '../documents/documents.service.js';
import { receiveUpload } from '../documents/multipart-upload.js';
import {
  INSPECT_SIGNATURE_SCHEMA,
  InspectSignatureQuery,
  SignatureVerdictResponse,
  StoredSignatureQuery,
  StoredSignatureVerdictResponse,
} from './dto/inspect-signature.dto.js';
import { type InspectionResult, SignaturesService, type StoredSignatureVerdict } from './signatures.service.js';
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
      'senza modifiche, è firmato, la firma è integra, chi ha firmato (nome e codice fiscale), se è il richiedente. ' +
      'Con store=true (solo servizi; campi entityType, entityId, ownerId come per POST /documents) il file, se ' +
      'accettabile, è anche archiviato come signed-declaration nello stesso passo: documentId nella risposta (null ' +
      'se non accettabile, e nulla resta archiviato).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: INSPECT_SIGNATURE_SCHEMA })
  @ApiOkResponse({ type: SignatureVerdictResponse })
  async inspect(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Query() query: InspectSignatureQuery,
  ): Promise<InspectionResult> {
    const rules = documentKindRules('signed-declaration');
    let requestCode = '';
    let storage: PreparedUpload | undefined;
    const { fileName, bytes } = await receiveUpload<Transform>(request, rules.maxBytes, async (fields) => {
      if (query.store !== 'true') {
        requestCode = await this.signatures.requestCodeFrom(actor, fields);
        return new SizeLimit(rules.maxBytes, rules.label);
      }
      ({ requestCode, storage } = await this.signatures.prepareStoredInspection(actor, fields));
      return storage.guard;
    });
    if (!storage) return { ...(await this.signatures.inspect(actor, requestCode, fileName, bytes)), documentId: null };
    return this.signatures.inspectAndStore(actor, requestCode, storage, {
      fileName,
      bytes,
      // The guard the bytes went through (its size, type and SHA-256).
      summary: storage.guard.summary,
    });
  }

  @Get('documents/:id')
  @AllowActors('service')
  @ApiOperation({
    summary: 'Verifica le firme di un documento archiviato',
    description:
      'Solo servizi (es. il back office mostra il verdetto accanto a ogni documento di una richiesta): se il file è ' +
      'firmato (PAdES o CAdES), se le firme sono integre, chi ha firmato (nome e codice fiscale), se il certificato ' +
      'è valido e di un emittente riconosciuto, e, con expectedSigner, se tra i firmatari c’è quella persona.',
  })
  @ApiOkResponse({ type: StoredSignatureVerdictResponse })
  inspectStored(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => DocumentException.notFound() })) id: string,
    @Query() query: StoredSignatureQuery,
  ): Promise<StoredSignatureVerdict> {
    return this.signatures.inspectStored(actor, id, query.expectedSigner);
  }
}
