import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { MailsService } from './mails.service.js';

/** identity's citizen events → mails. */
@Controller()
export class CitizenMailsEventsController {
  constructor(private readonly mails: MailsService) {}

  @InboxEventPattern('citizen.registered', { group: 'notification.citizen-mails' })
  async citizenRegistered(
    @Payload() event: EventOf<'citizen.registered'>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    await this.mails.welcome(context.getManager(), event);
  }
}
