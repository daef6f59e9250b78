import { Module } from '@nestjs/common';
import { AssociationsController } from './associations.controller.js';
import { AssociationsService } from './associations.service.js';
import { DocumentStoreClient } from './document-store.client.js';

@Module({ controllers: [AssociationsController], providers: [AssociationsService, DocumentStoreClient] })
export class AssociationsModule {}
