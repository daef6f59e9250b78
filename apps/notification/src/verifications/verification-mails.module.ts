import { Module } from '@nestjs/common';
import { MailRepository } from '../mails/mail.repository.js';
import { VerificationMailsEventsController } from './verification-mails.events.controller.js';
import { VerificationMailsService } from './verification-mails.service.js';

/** Mails of admin-verification's outcomes (issue #11). */
@Module({
  controllers: [VerificationMailsEventsController],
  providers: [VerificationMailsService, MailRepository],
})
export class VerificationMailsModule {}
