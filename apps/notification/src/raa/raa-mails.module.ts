import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { MailRepository } from '../mails/mail.repository.js';
import { RaaMailsEventsController } from './raa-mails.events.controller.js';
import { RaaMailsService } from './raa-mails.service.js';

/** Mails of the richieste di accesso agli atti (issue #12). */
@Module({
  imports: [ContactsModule],
  controllers: [RaaMailsEventsController],
  providers: [RaaMailsService, MailRepository],
})
export class RaaMailsModule {}
