import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@profila/platform';
import { AdminVerificationModule } from './admin-verification.module.js';
import type { AdminVerificationEnv } from './config/admin-verification.env.js';

/** Builds the admin-verification application (used by main.ts and the tests). */
export function createAdminVerificationApp(env: AdminVerificationEnv): Promise<NestFastifyApplication> {
  return createServiceApp(AdminVerificationModule.register(env), {
    name: 'admin-verification',
    logLevel: env.LOG_LEVEL,
    trustedProxies: env.TRUSTED_PROXIES,
  });
}
