import 'reflect-metadata';
import { createLogger } from '@profila/platform';
import { loadRaaEnv } from './config/raa.env.js';
import { createRaaApp } from './raa.app.js';

const env = loadRaaEnv();
const app = await createRaaApp(env);
await app.startAllMicroservices();
await app.listen(env.PORT, env.HOST);
createLogger('raa').info({ url: await app.getUrl() }, 'raa listening');
