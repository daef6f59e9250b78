import 'reflect-metadata';
import { runServiceApp } from '@profila/platform';
import { loadIdentityEnv } from './config/identity.env.js';
import { IdentityModule } from './identity.module.js';

const env = loadIdentityEnv();
await runServiceApp(IdentityModule.register(env), {
  name: 'identity',
  host: env.HOST,
  port: env.PORT,
  logLevel: env.LOG_LEVEL,
  trustedProxies: env.TRUSTED_PROXIES,
});
