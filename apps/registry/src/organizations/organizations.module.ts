import { Module } from '@nestjs/common';
import { NameIndexFeed } from './name-index.feed.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';

@Module({
  controllers: [OrganizationsController],
  providers: [OrganizationsService, NameIndexFeed],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
