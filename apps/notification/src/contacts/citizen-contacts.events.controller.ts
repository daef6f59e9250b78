import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { CitizenContactRepository } from './citizen-contact.repository.js';

/** identity's citizen events keep the addresses in step. */
@Controller()
export class CitizenContactsEventsController {
  constructor(private readonly contacts: CitizenContactRepository) {}

  @InboxEventPattern(['citizen.registered', 'citizen.updated'], { group: 'notification.citizen-contacts' })
  async citizenChanged(
    @Payload() event: EventOf<'citizen.registered' | 'citizen.updated'>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    const { codiceFiscale, nome, cognome, email } = event.data;
    await this.contacts.upsert(context.getManager(), { codiceFiscale, nome, cognome, email }, event.occurredAt);
  }
}
