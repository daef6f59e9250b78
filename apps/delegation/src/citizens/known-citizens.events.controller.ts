import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { KnownCitizensService } from './known-citizens.service.js';

/** identity's citizen events keep the known_citizen read model in step. */
@Controller()
export class KnownCitizensEventsController {
  constructor(private readonly knownCitizens: KnownCitizensService) {}

  @InboxEventPattern(['citizen.registered', 'citizen.updated'], { group: 'delegation.known-citizens' })
  async citizenChanged(
    @Payload() event: EventOf<'citizen.registered' | 'citizen.updated'>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    await this.knownCitizens.recordFromIdentity(context.getManager(), event);
  }
}
