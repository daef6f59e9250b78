import { Module } from '@nestjs/common';
import type { DocumentStoreEnv } from '../config/document-store.env.js';
import { DOCUMENT_STORE_ENV } from '../config/document-store.tokens.js';
import { TemplatesModule } from '../templates/templates.module.js';
import { TemplatesService } from '../templates/templates.service.js';
import { DocumentRepository } from './document.repository.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { AssociationRequestLinkVerifier } from './linked-entities/association-request.link-verifier.js';
import { LinkedEntities } from './linked-entities/linked-entities.js';
import { LINKED_ENTITY_VERIFIERS, type LinkedEntityVerifier } from './linked-entities/linked-entity.verifier.js';
import { OwnerServiceLinkVerifier } from './linked-entities/owner-service.link-verifier.js';
import { UnconfirmableLinkVerifier } from './linked-entities/unconfirmable.link-verifier.js';
import { UploadSweeper } from './upload-sweeper.js';

/**
 * One adapter per request entity type. Only association requests (issued here) can be confirmed today; when the
 * RAA, admin-verification and delegation services offer `GET /document-links/<type>/<id>`, their type moves to an
 * OwnerServiceLinkVerifier (ADR «Document downloads, upload claims and linked entities»).
 */
function linkVerifiers(templates: TemplatesService, env: DocumentStoreEnv): LinkedEntityVerifier[] {
  return [
    new AssociationRequestLinkVerifier(templates),
    new OwnerServiceLinkVerifier('admin-verification-request', {
      name: 'admin-verification',
      baseUrl: env.ADMIN_VERIFICATION_URL,
      serviceToken: env.SERVICE_TOKEN,
    }),
    new OwnerServiceLinkVerifier('raa-request', {
      name: 'raa',
      baseUrl: env.RAA_URL,
      serviceToken: env.SERVICE_TOKEN,
    }),
    new UnconfirmableLinkVerifier('delega', 'questa delega'),
  ];
}

@Module({
  imports: [TemplatesModule],
  controllers: [DocumentsController],
  providers: [
    DocumentRepository,
    DocumentsService,
    UploadSweeper,
    LinkedEntities,
    { provide: LINKED_ENTITY_VERIFIERS, inject: [TemplatesService, DOCUMENT_STORE_ENV], useFactory: linkVerifiers },
  ],
  exports: [DocumentsService],
})
export class DocumentsModule {}
