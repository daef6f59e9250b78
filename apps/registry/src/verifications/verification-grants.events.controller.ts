import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { VerificationsService } from './verifications.service.js';

/** admin-verification's approvals → the role they grant (amministratore, Responsabile unico, RAA). */
@Controller()
export class VerificationGrantsEventsController {
  constructor(private readonly verifications: VerificationsService) {}

  @InboxEventPattern('verification-request.approved', { group: 'registry.verification-grants' })
  async approved(
    @Payload() event: EventOf<'verification-request.approved'>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    await this.verifications.grant(context.getManager(), event);
  }
}
