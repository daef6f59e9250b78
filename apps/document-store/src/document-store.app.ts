import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@profila/platform';
import type { DocumentStoreEnv } from './config/document-store.env.js';
import { DocumentStoreModule } from './document-store.module.js';

/** Builds the document-store application (used by main.ts and by the tests). */
export async function createDocumentStoreApp(env: DocumentStoreEnv): Promise<NestFastifyApplication> {
  const app = await createServiceApp(DocumentStoreModule.register(env), {
    name: 'document-store',
    logLevel: env.LOG_LEVEL,
    trustedProxies: env.TRUSTED_PROXIES,
  });
  // Uploads are read as streams by the controllers; these limits stop a form early, the kind's limits apply after.
  await app
    .getHttpAdapter()
    .getInstance()
    .register(multipart, {
      limits: { fileSize: env.MAX_UPLOAD_BYTES + 1, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    });
  return app;
}
