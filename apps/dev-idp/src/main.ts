import 'reflect-metadata';
import { createLogger, runServiceApp } from '@profila/platform';
import { devIdpSettings, loadDevIdpEnv } from './config/dev-idp.env.js';
import { DevIdpModule } from './dev-idp.module.js';

const env = loadDevIdpEnv();
await runServiceApp(DevIdpModule.register(env), {
  name: 'dev-idp',
  host: env.HOST,
  port: env.PORT,
  logLevel: env.LOG_LEVEL,
});
createLogger('dev-idp').warn(
  { entityId: devIdpSettings(env).entityId, spMetadata: env.SP_METADATA_URL },
  'TEST identity provider running: never expose it outside a development machine',
);
