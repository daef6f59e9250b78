import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { RaaMailsService } from './raa-mails.service.js';

/** raa's requests → the officers' and the requester's mails. */
@Controller()
export class RaaMailsEventsController {
  constructor(private readonly mails: RaaMailsService) {}

  @InboxEventPattern(['raa-request.submitted', 'raa-request.answered', 'raa-request.refused'], {
    group: 'notification.raa-mails',
  })
  async requestChanged(
    @Payload() event: EventOf<'raa-request.submitted' | 'raa-request.answered' | 'raa-request.refused'>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    await this.mails.handle(context.getManager(), event);
  }
}
