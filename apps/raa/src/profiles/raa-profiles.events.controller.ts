import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { RaaProfilesService } from './raa-profiles.service.js';

/** admin-verification's approvals of RAA registrations → who may file requests. */
@Controller()
export class RaaProfilesEventsController {
  constructor(private readonly profiles: RaaProfilesService) {}

  @InboxEventPattern('verification-request.approved', { group: 'raa.profiles' })
  async approved(@Payload() event: EventOf<'verification-request.approved'>, @Ctx() context: InboxContext) {
    await this.profiles.approved(context.getManager(), event);
  }
}
