import { Module } from '@nestjs/common';
import { AuditModule } from '@profila/audit';
import { DocumentStoreClient } from '../clients/document-store.client.js';
import { RegistryClient } from '../clients/registry.client.js';
import { DocumentLinksController } from '../document-links/document-links.controller.js';
import { IpaDirectory } from '../ipa/ipa-directory.js';
import { IpaSampleDirectory } from '../ipa/ipa-sample.directory.js';
import { OperatorAccess } from '../operators/operator-access.js';
import { OperatorsController } from '../operators/operators.controller.js';
import { OperatorsService } from '../operators/operators.service.js';
import { OperatorRequestsController } from './operator-requests.controller.js';
import { OperatorRequestsService } from './operator-requests.service.js';
import { StructuresController } from '../structures/structures.controller.js';
import { StructuresService } from '../structures/structures.service.js';
import { PecLinksController } from './pec-links.controller.js';
import { RequestRecorder } from './request-recorder.js';
import { RequestsController } from './requests.controller.js';
import { RequestsService } from './requests.service.js';
import { SlaSweeper } from './sla-sweeper.js';
import { StaleDraftsCleaner } from './stale-drafts.js';
import { VerificationRequestRepository } from './verification-request.repository.js';

/** Verification requests: the applicant's side, the operators' queue and decisions, the SLA timer. */
@Module({
  imports: [AuditModule],
  controllers: [
    RequestsController,
    OperatorRequestsController,
    OperatorsController,
    DocumentLinksController,
    PecLinksController,
    StructuresController,
  ],
  providers: [
    VerificationRequestRepository,
    RequestRecorder,
    RequestsService,
    OperatorRequestsService,
    OperatorsService,
    StructuresService,
    OperatorAccess,
    RegistryClient,
    DocumentStoreClient,
    SlaSweeper,
    StaleDraftsCleaner,
    // The embedded mode's IPA sample; the real IPA open data is another adapter of the port.
    { provide: IpaDirectory, useClass: IpaSampleDirectory },
  ],
  exports: [SlaSweeper, StaleDraftsCleaner],
})
export class RequestsModule {}
