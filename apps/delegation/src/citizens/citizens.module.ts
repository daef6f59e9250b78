import { Module } from '@nestjs/common';
import { AuditModule } from '@profila/audit';
import { KnownCitizenRepository } from './known-citizen.repository.js';
import { KnownCitizensController } from './known-citizens.controller.js';
import { KnownCitizensEventsController } from './known-citizens.events.controller.js';
import { KnownCitizensService } from './known-citizens.service.js';

@Module({
  imports: [AuditModule],
  controllers: [KnownCitizensController, KnownCitizensEventsController],
  providers: [KnownCitizensService, KnownCitizenRepository],
  exports: [KnownCitizensService],
})
export class CitizensModule {}
