import 'reflect-metadata';
import { runServiceApp } from '@profila/platform';
import { loadNotificationEnv } from './config/notification.env.js';
import { NotificationModule } from './notification.module.js';

const env = loadNotificationEnv();
await runServiceApp(NotificationModule.register(env), {
  name: 'notification',
  host: env.HOST,
  port: env.PORT,
  logLevel: env.LOG_LEVEL,
  trustedProxies: env.TRUSTED_PROXIES,
});
