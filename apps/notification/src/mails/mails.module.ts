import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { CitizenMailsEventsController } from './citizen-mails.events.controller.js';
import { DelegationMailsEventsController } from './delegation-mails.events.controller.js';
import { MailRepository } from './mail.repository.js';
import { MailSender } from './mail.sender.js';
import { MailsController } from './mails.controller.js';
import { MailsService } from './mails.service.js';

@Module({
  imports: [ContactsModule],
  controllers: [MailsController, CitizenMailsEventsController, DelegationMailsEventsController],
  providers: [MailsService, MailRepository, MailSender],
})
export class MailsModule {}
