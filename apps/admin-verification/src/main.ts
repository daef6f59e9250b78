import 'reflect-metadata';
import { createLogger } from '@profila/platform';
import { createAdminVerificationApp } from './admin-verification.app.js';
import { loadAdminVerificationEnv } from './config/admin-verification.env.js';

const env = loadAdminVerificationEnv();
const app = await createAdminVerificationApp(env);
await app.listen(env.PORT, env.HOST);
createLogger('admin-verification').info({ url: await app.getUrl() }, 'admin-verification listening');
