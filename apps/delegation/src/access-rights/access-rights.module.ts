import { Module } from '@nestjs/common';
import { AccessRightsController } from './access-rights.controller.js';

@Module({ controllers: [AccessRightsController] })
export class AccessRightsModule {}
