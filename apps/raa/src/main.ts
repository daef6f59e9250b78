import 'reflect-metadata';
import { runServiceApp } from '@profila/platform';
import { loadRaaEnv } from './config/raa.env.js';
import { RaaModule } from './raa.module.js';

const env = loadRaaEnv();
await runServiceApp(RaaModule.register(env), {
  name: 'raa',
  host: env.HOST,
  port: env.PORT,
  logLevel: env.LOG_LEVEL,
  trustedProxies: env.TRUSTED_PROXIES,
});
