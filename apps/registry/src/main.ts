import 'reflect-metadata';
import { runServiceApp } from '@profila/platform';
import { loadRegistryEnv } from './config/registry.env.js';
import { RegistryModule } from './registry.module.js';

const env = loadRegistryEnv();
await runServiceApp(RegistryModule.register(env), {
  name: 'registry',
  host: env.HOST,
  port: env.PORT,
  logLevel: env.LOG_LEVEL,
  trustedProxies: env.TRUSTED_PROXIES,
});
