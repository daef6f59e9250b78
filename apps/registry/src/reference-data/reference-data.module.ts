import { Global, Module } from '@nestjs/common';
import { ReferenceDataController } from './reference-data.controller.js';
import { ReferenceDataService } from './reference-data.service.js';

@Global()
@Module({ controllers: [ReferenceDataController], providers: [ReferenceDataService], exports: [ReferenceDataService] })
export class ReferenceDataModule {}
