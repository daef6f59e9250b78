import { Module } from '@nestjs/common';
import { CitizenContactRepository } from './citizen-contact.repository.js';
import { CitizenContactsEventsController } from './citizen-contacts.events.controller.js';

@Module({
  controllers: [CitizenContactsEventsController],
  providers: [CitizenContactRepository],
  exports: [CitizenContactRepository],
})
export class ContactsModule {}
