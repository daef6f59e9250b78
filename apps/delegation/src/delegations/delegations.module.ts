import { Module } from '@nestjs/common';
import { AuditModule } from '@profila/audit';
import { AccessRightsModule } from '../access-rights/access-rights.module.js';
import { CitizensModule } from '../citizens/citizens.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { DelegationExpiryJob } from './delegation-expiry.job.js';
import { DelegationRepository } from './delegation.repository.js';
import { DelegationsController } from './delegations.controller.js';
import { DelegationsEventsController } from './delegations.events.controller.js';
import { DelegationsService } from './delegations.service.js';

@Module({
  imports: [AuditModule, AccessRightsModule, CitizensModule, OrganizationsModule],
  controllers: [DelegationsController, DelegationsEventsController],
  providers: [DelegationsService, DelegationRepository, DelegationExpiryJob],
  exports: [DelegationExpiryJob],
})
export class DelegationsModule {}
