import { Module } from '@nestjs/common';
import { AccessRightRepository } from './access-right.repository.js';
import { AccessRightsController } from './access-rights.controller.js';
import { AccessRightsService } from './access-rights.service.js';

@Module({ controllers: [AccessRightsController], providers: [AccessRightsService, AccessRightRepository] })
export class AccessRightsModule {}
