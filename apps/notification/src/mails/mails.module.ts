import { Module } from '@nestjs/common';
import { CitizenMailsEventsController } from './citizen-mails.events.controller.js';
import { MailRepository } from './mail.repository.js';
import { MailSender } from './mail.sender.js';
import { MailsController } from './mails.controller.js';
import { MailsService } from './mails.service.js';

@Module({
  controllers: [MailsController, CitizenMailsEventsController],
  providers: [MailsService, MailRepository, MailSender],
})
export class MailsModule {}
