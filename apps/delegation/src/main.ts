import 'reflect-metadata';
import { runServiceApp } from '@profila/platform';
import { loadDelegationEnv } from './config/delegation.env.js';
import { DelegationModule } from './delegation.module.js';

const env = loadDelegationEnv();
await runServiceApp(DelegationModule.register(env), {
  name: 'delegation',
  host: env.HOST,
  port: env.PORT,
  logLevel: env.LOG_LEVEL,
  trustedProxies: env.TRUSTED_PROXIES,
});
