import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { AllowActors, CommonErrorCode, CommonException } from '@profila/platform';
import { RequestsService } from './requests.service.js';

export class DocumentLinkQuery {
  @ApiProperty({ enum: ['citizen', 'operator', 'service', 'system'] })
  @IsIn(['citizen', 'operator', 'service', 'system'])
  actorKind!: string;

  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/)
  actorId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  actingFor?: string;
}

export class DocumentLinkAnswer {
  @ApiProperty() allowed!: boolean;
  @ApiPropertyOptional() ownerId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) territory?: string | null;
}

/** document-store's LinkedEntityVerifier port: only the requester attaches documents, and only to a draft. */
@ApiTags('document-links')
@AllowActors('service')
@Controller('document-links')
export class DocumentLinksController {
  constructor(private readonly requests: RequestsService) {}

  @Get(':entityType/:entityId')
  @ApiOperation({ summary: 'Può questa persona allegare documenti alla richiesta?' })
  @ApiOkResponse({ type: DocumentLinkAnswer })
  async confirm(
    @Param('entityType') entityType: string,
    @Param('entityId') entityId: string,
    @Query() query: DocumentLinkQuery,
  ): Promise<DocumentLinkAnswer> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (entityType !== 'raa-request' || !uuid.test(entityId)) throw new CommonException(CommonErrorCode.NOT_FOUND);
    const answer = await this.requests.documentLink(entityId, query.actorKind, query.actorId);
    if (!answer.allowed) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Richiesta non trovata');
    return answer;
  }
}
