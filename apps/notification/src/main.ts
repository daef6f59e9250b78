import 'reflect-metadata';
import { connectEventHandlers } from '@profila/messaging';
import { createLogger, createServiceApp } from '@profila/platform';
import { loadNotificationEnv } from './config/notification.env.js';
import { NotificationModule } from './notification.module.js';

const env = loadNotificationEnv();
const app = await createServiceApp(NotificationModule.register(env), {
  name: 'notification',
  logLevel: env.LOG_LEVEL,
  trustedProxies: env.TRUSTED_PROXIES,
});
connectEventHandlers(app);
await app.startAllMicroservices();
await app.listen(env.PORT, env.HOST);
createLogger('notification').info({ url: await app.getUrl() }, 'notification listening');
