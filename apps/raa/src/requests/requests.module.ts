import { Module } from '@nestjs/common';
import { AuditModule } from '@profila/audit';
import { DocumentStoreClient } from '../clients/document-store.client.js';
import { RegistryClient } from '../clients/registry.client.js';
import { EmploymentEventsController } from '../employment/employment.events.controller.js';
import { EmploymentRecords } from '../employment/employment-records.js';
import { EmploymentRepository } from '../employment/employment.repository.js';
import { EmploymentSampleLoader } from '../employment/employment-sample.loader.js';
import { EmploymentSituations } from '../employment/employment-situations.js';
import { ReadModelEmploymentRecords } from '../employment/read-model.employment-records.js';
import { OfficerAccess } from '../officers/officer-access.js';
import { RequestPdf } from '../print/request-pdf.js';
import { RaaProfileRepository } from '../profiles/raa-profile.repository.js';
import { RaaProfilesEventsController } from '../profiles/raa-profiles.events.controller.js';
import { RaaProfilesService } from '../profiles/raa-profiles.service.js';
import { DocumentLinksController } from './document-links.controller.js';
import { OfficerRequestsController } from './officer-requests.controller.js';
import { OfficerRequestsService } from './officer-requests.service.js';
import { RaaRequestRepository } from './raa-request.repository.js';
import { RequestsController } from './requests.controller.js';
import { RequestsService } from './requests.service.js';

/** Richieste di accesso agli atti: the requester's side, the officers', the employment records and the profiles. */
@Module({
  imports: [AuditModule],
  controllers: [
    RequestsController,
    OfficerRequestsController,
    DocumentLinksController,
    RaaProfilesEventsController,
    EmploymentEventsController,
  ],
  providers: [
    RaaRequestRepository,
    RequestsService,
    OfficerRequestsService,
    RaaProfileRepository,
    RaaProfilesService,
    EmploymentRepository,
    EmploymentSituations,
    EmploymentSampleLoader,
    // The read model kept from COB events; a real COB query service would be another adapter of the port.
    { provide: EmploymentRecords, useClass: ReadModelEmploymentRecords },
    OfficerAccess,
    RegistryClient,
    DocumentStoreClient,
    RequestPdf,
  ],
})
export class RequestsModule {}
