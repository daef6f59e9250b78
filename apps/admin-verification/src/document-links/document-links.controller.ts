import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AllowActors,
  CommonErrorCode,
  CommonException,
  DocumentLinkAnswerDto,
  DocumentLinkQueryDto,
} from '@profila/platform';
import { RequestsService } from '../requests/requests.service.js';

/**
 * document-store's LinkedEntityVerifier port, answered by the owner of the requests: a citizen may attach documents
 * to their own request while they may still change it.
 */
@ApiTags('document-links')
@AllowActors('service')
@Controller('document-links')
export class DocumentLinksController {
  constructor(private readonly requests: RequestsService) {}

  @Get(':entityType/:entityId')
  @ApiOperation({ summary: 'Può questa persona allegare documenti alla richiesta?' })
  @ApiOkResponse({ type: DocumentLinkAnswerDto })
  async confirm(
    @Param('entityType') entityType: string,
    @Param('entityId') entityId: string,
    @Query() query: DocumentLinkQueryDto,
  ): Promise<DocumentLinkAnswerDto> {
    if (entityType !== 'admin-verification-request') throw new CommonException(CommonErrorCode.NOT_FOUND);
    const answer = await this.requests.documentLink(entityId, query.actorKind, query.actorId);
    if (!answer.allowed) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Richiesta non trovata');
    return answer;
  }
}
