import { Module } from '@nestjs/common';
import { AuditModule } from '@profila/audit';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { AccessRightCache } from './access-right.cache.js';
import { AccessRightRepository } from './access-right.repository.js';
import { AccessRightsController, AccessRightsV1Controller } from './access-rights.controller.js';
import { AccessRightsEventsController } from './access-rights.events.controller.js';
import { AccessRightsService } from './access-rights.service.js';

@Module({
  imports: [AuditModule, OrganizationsModule],
  controllers: [AccessRightsV1Controller, AccessRightsController, AccessRightsEventsController],
  providers: [AccessRightsService, AccessRightRepository, AccessRightCache],
  exports: [AccessRightsService],
})
export class AccessRightsModule {}
