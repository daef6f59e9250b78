import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectEventHandlers } from '@profila/messaging';
import { createServiceApp } from '@profila/platform';
import type { RegistryEnv } from './config/registry.env.js';
import { SIGNED_DECLARATION_MAX_BYTES } from './associations/signed-upload.js';
import { RegistryModule } from './registry.module.js';

/** Builds the registry application (used by main.ts, the tests and the bench). */
export async function createRegistryApp(env: RegistryEnv): Promise<NestFastifyApplication> {
  const app = await createServiceApp(RegistryModule.register(env), {
    name: 'registry',
    logLevel: env.LOG_LEVEL,
    trustedProxies: env.TRUSTED_PROXIES,
  });
  await app
    .getHttpAdapter()
    .getInstance()
    .register(multipart, {
      limits: { fileSize: SIGNED_DECLARATION_MAX_BYTES + 1, files: 1, fields: 5, fieldSize: 1024, parts: 7 },
    });
  // admin-verification's approvals (verifications/): started by main.ts with app.startAllMicroservices().
  connectEventHandlers(app);
  return app;
}
