import { Module } from '@nestjs/common';
import { MailRepository } from '../mails/mail.repository.js';
import { PecLinkClient } from './pec-link.client.js';
import { VerificationMailsEventsController } from './verification-mails.events.controller.js';
import { VerificationMailsService } from './verification-mails.service.js';

/** Mails of admin-verification's outcomes (issue #11). */
@Module({
  controllers: [VerificationMailsEventsController],
  providers: [VerificationMailsService, MailRepository, PecLinkClient],
})
export class VerificationMailsModule {}
