import { Module } from '@nestjs/common';
import { createLogger } from '@profila/platform';
import { DOCUMENT_STORE_ENV } from '../config/document-store.tokens.js';
import type { DocumentStoreEnv } from '../config/document-store.env.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { TemplatesModule } from '../templates/templates.module.js';
import { SignatureInspector } from './signature-inspector.js';
import { SignaturesController } from './signatures.controller.js';
import { SignaturesService } from './signatures.service.js';
import { TrustStore } from './trust-store.js';

@Module({
  imports: [TemplatesModule, DocumentsModule],
  controllers: [SignaturesController],
  providers: [
    {
      provide: SignatureInspector,
      inject: [DOCUMENT_STORE_ENV],
      useFactory: async (env: DocumentStoreEnv) => {
        const logger = createLogger('document-store.signatures', env.LOG_LEVEL);
        if (!env.TRUST_LIST_FILE) {
          logger.warn('TRUST_LIST_FILE not set: no certification authority is trusted (issuerTrusted is false)');
          return new SignatureInspector(TrustStore.empty());
        }
        const store = await TrustStore.loadFile(env.TRUST_LIST_FILE);
        logger.info({ file: env.TRUST_LIST_FILE, anchors: store.size }, 'trust list loaded');
        return new SignatureInspector(store);
      },
    },
    SignaturesService,
  ],
})
export class SignaturesModule {}
