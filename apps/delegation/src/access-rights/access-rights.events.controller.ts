import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { AccessRightsService } from './access-rights.service.js';

/** registry's memberships (amministratore, organigram roles) → grants. */
@Controller()
export class AccessRightsEventsController {
  constructor(private readonly accessRights: AccessRightsService) {}

  @InboxEventPattern(['membership.granted', 'membership.changed', 'membership.revoked'], {
    group: 'delegation.access-rights',
  })
  async membershipChanged(
    @Payload() event: EventOf<'membership.granted' | 'membership.changed' | 'membership.revoked'>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    await this.accessRights.recordMembership(context.getManager(), event);
  }
}
