import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { VerificationMailsService } from './verification-mails.service.js';

/** admin-verification's outcomes → the applicant's mails. */
@Controller()
export class VerificationMailsEventsController {
  constructor(private readonly mails: VerificationMailsService) {}

  @InboxEventPattern(
    [
      'verification-request.approved',
      'verification-request.rejected',
      'verification-request.integration-requested',
      'verification-request.expired',
      'verification-request.pec-confirmation-requested',
    ],
    { group: 'notification.verification-mails' },
  )
  async outcome(
    @Payload()
    event: EventOf<
      | 'verification-request.approved'
      | 'verification-request.rejected'
      | 'verification-request.integration-requested'
      | 'verification-request.expired'
      | 'verification-request.pec-confirmation-requested'
    >,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    await this.mails.outcome(context.getManager(), event);
  }
}
