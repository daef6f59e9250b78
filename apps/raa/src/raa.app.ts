import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectEventHandlers } from '@profila/messaging';
import { createServiceApp } from '@profila/platform';
import type { RaaEnv } from './config/raa.env.js';
import { RaaModule } from './raa.module.js';

/** Builds the raa application (used by main.ts and the tests); main.ts starts the event handlers. */
export async function createRaaApp(env: RaaEnv): Promise<NestFastifyApplication> {
  const app = await createServiceApp(RaaModule.register(env), {
    name: 'raa',
    logLevel: env.LOG_LEVEL,
    trustedProxies: env.TRUSTED_PROXIES,
  });
  // RAA profiles (admin-verification's approvals) and COB's employment communications.
  connectEventHandlers(app);
  return app;
}
