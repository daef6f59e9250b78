import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { OrganizationRefRepository } from './organization-ref.repository.js';

type OrganizationEvent =
  'organization.registered' | 'organization.updated' | 'organization.associated' | 'organization.association-revoked';

/** registry's organisation events keep the names of organisations in step. */
@Controller()
export class OrganizationsEventsController {
  constructor(private readonly organizations: OrganizationRefRepository) {}

  @InboxEventPattern(
    ['organization.registered', 'organization.updated', 'organization.associated', 'organization.association-revoked'],
    { group: 'delegation.organizations' },
  )
  async organizationChanged(@Payload() event: EventOf<OrganizationEvent>, @Ctx() context: InboxContext): Promise<void> {
    const o = event.data;
    await this.organizations.upsert(
      context.getManager(),
      {
        organizationId: o.organizationId,
        codiceFiscale: o.codiceFiscale ?? o.codiceIdentificativo,
        denominazione: o.denominazione,
        tipiSoggettoAbilitato: o.tipiSoggettoAbilitato,
      },
      event.occurredAt,
    );
  }
}
