import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type Actor, AllowActors, CommonErrorCode, CommonException, CurrentActor } from '@profila/platform';
import { RequestId } from './requests.controller.js';
import { RequestsService } from './requests.service.js';

export class PecLinkResponse {
  @ApiProperty({
    description: 'Il link di conferma da scrivere nella mail alla PEC (pagina /conferma-pec del portale)',
  })
  url!: string;
  @ApiProperty() pec!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Ultimo giorno per confermare' })
  dueDate!: string | null;
}

/** The service that writes the PEC mail: notification alone mints the confirmation link (it is in no event). */
export const PEC_LINK_CALLERS = ['notification'];

@ApiTags('pec-links')
@AllowActors('service')
@Controller('pec-links')
export class PecLinksController {
  constructor(private readonly requests: RequestsService) {}

  @Post(':id')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Nuovo link di conferma PEC per una richiesta RAA in attesa di conferma (per notification)',
  })
  @ApiOkResponse({ type: PecLinkResponse })
  issue(@CurrentActor() actor: Actor, @Param('id', RequestId) id: string): Promise<PecLinkResponse> {
    if (!PEC_LINK_CALLERS.includes(actor.id)) throw new CommonException(CommonErrorCode.FORBIDDEN);
    return this.requests.issuePecLink(id);
  }
}
