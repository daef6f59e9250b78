import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { type DelegationEventType, MailsService } from './mails.service.js';

/** delegation's events → the mails of every outcome. */
@Controller()
export class DelegationMailsEventsController {
  constructor(private readonly mails: MailsService) {}

  @InboxEventPattern(
    [
      'delegation.requested',
      'delegation.accepted',
      'delegation.refused',
      'delegation.modified',
      'delegation.revoked',
      'delegation.expiring',
      'delegation.expired',
    ],
    { group: 'notification.delegation-mails' },
  )
  async delegationChanged(@Payload() event: EventOf<DelegationEventType>, @Ctx() context: InboxContext): Promise<void> {
    await this.mails.delegation(context.getManager(), event);
  }
}
