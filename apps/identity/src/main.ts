import 'reflect-metadata';
import { connectEventHandlers } from '@profila/messaging';
import { createLogger, createServiceApp } from '@profila/platform';
import { loadIdentityEnv } from './config/identity.env.js';
import { IdentityModule } from './identity.module.js';

const env = loadIdentityEnv();
const app = await createServiceApp(IdentityModule.register(env), {
  name: 'identity',
  logLevel: env.LOG_LEVEL,
  trustedProxies: env.TRUSTED_PROXIES,
});
// delegation.access.v1 → acting-as of live sessions (sessions/acting-as.events.controller.ts).
connectEventHandlers(app);
await app.startAllMicroservices();
await app.listen(env.PORT, env.HOST);
createLogger('identity').info({ url: await app.getUrl() }, 'identity listening');
