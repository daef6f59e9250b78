import { Module } from '@nestjs/common';
import { VerificationGrantsEventsController } from './verification-grants.events.controller.js';
import { VerificationRepository } from './verification.repository.js';
import { VerificationsController } from './verifications.controller.js';
import { VerificationsService } from './verifications.service.js';

/** What admin-verification asks the registry, and the grants its approvals make (issue #11). */
@Module({
  controllers: [VerificationsController, VerificationGrantsEventsController],
  providers: [VerificationsService, VerificationRepository],
})
export class VerificationsModule {}
