import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowActors } from '@profila/platform';
import { ListMailsQuery } from './dto/list-mails.query.js';
import { MailResponse } from './dto/mail.response.js';
import { MailsService } from './mails.service.js';

/** The mail log: what was sent to whom, for operators and support. */
@ApiTags('mails')
@AllowActors('operator', 'service')
@Controller('mails')
export class MailsController {
  constructor(private readonly mails: MailsService) {}

  @Get()
  @ApiOkResponse({ type: [MailResponse] })
  list(@Query() query: ListMailsQuery): Promise<MailResponse[]> {
    return this.mails.list(query.recipient);
  }
}
