import 'reflect-metadata';
import { runServiceApp } from '@profila/platform';
import { loadAdminVerificationEnv } from './config/admin-verification.env.js';
import { AdminVerificationModule } from './admin-verification.module.js';

const env = loadAdminVerificationEnv();
await runServiceApp(AdminVerificationModule.register(env), {
  name: 'admin-verification',
  host: env.HOST,
  port: env.PORT,
  logLevel: env.LOG_LEVEL,
  trustedProxies: env.TRUSTED_PROXIES,
});
