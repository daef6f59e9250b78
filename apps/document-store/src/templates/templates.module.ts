import { Module } from '@nestjs/common';
import { AssociationRequestRepository } from './association-request.repository.js';
import { TemplatesController } from './templates.controller.js';
import { TemplatesService } from './templates.service.js';

@Module({
  controllers: [TemplatesController],
  providers: [TemplatesService, AssociationRequestRepository],
  exports: [TemplatesService],
})
export class TemplatesModule {}
