import 'reflect-metadata';
import { connectEventHandlers } from '@profila/messaging';
import { createLogger, createServiceApp } from '@profila/platform';
import { loadDelegationEnv } from './config/delegation.env.js';
import { DelegationModule } from './delegation.module.js';

const env = loadDelegationEnv();
const app = await createServiceApp(DelegationModule.register(env), {
  name: 'delegation',
  logLevel: env.LOG_LEVEL,
  trustedProxies: env.TRUSTED_PROXIES,
});
connectEventHandlers(app);
await app.startAllMicroservices();
await app.listen(env.PORT, env.HOST);
createLogger('delegation').info({ url: await app.getUrl() }, 'delegation listening');
