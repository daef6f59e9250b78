import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { SessionsService } from './sessions.service.js';

/** delegation's grant changes reach live sessions: the cached "yes" goes, and sessions no longer allowed stop acting. */
@Controller()
export class ActingAsEventsController {
  constructor(private readonly sessions: SessionsService) {}

  @InboxEventPattern(['access.granted', 'access.revoked', 'access.expired'], { group: 'identity.acting-as' })
  async accessChanged(
    @Payload() event: EventOf<'access.granted' | 'access.revoked' | 'access.expired'>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    await this.sessions.recheckActingAs(context.getManager(), event.data.codiceFiscale, event.data.organizationId);
  }
}
