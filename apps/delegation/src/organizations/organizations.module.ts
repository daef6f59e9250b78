import { Module } from '@nestjs/common';
import { OrganizationRefRepository } from './organization-ref.repository.js';
import { OrganizationsEventsController } from './organizations.events.controller.js';

@Module({
  controllers: [OrganizationsEventsController],
  providers: [OrganizationRefRepository],
  exports: [OrganizationRefRepository],
})
export class OrganizationsModule {}
