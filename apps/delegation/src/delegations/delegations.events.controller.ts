import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { DelegationsService } from './delegations.service.js';

/** registry's memberships: an amministratore who loses the organisation takes the deleghe they gave with them. */
@Controller()
export class DelegationsEventsController {
  constructor(private readonly deleghe: DelegationsService) {}

  @InboxEventPattern('membership.revoked', { group: 'delegation.deleghe' })
  async membershipRevoked(
    @Payload() event: EventOf<'membership.revoked'>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    if (event.data.kind !== 'amministratore') return;
    await this.deleghe.endWithHolder(
      context.getManager(),
      event.data.organizationId,
      event.data.codiceFiscale,
      new Date(event.occurredAt),
    );
  }
}
