import 'reflect-metadata';
import { createLogger } from '@profila/platform';
import { loadRegistryEnv } from './config/registry.env.js';
import { createRegistryApp } from './registry.app.js';

const env = loadRegistryEnv();
const app = await createRegistryApp(env);
await app.startAllMicroservices();
await app.listen(env.PORT, env.HOST);
createLogger('registry').info({ url: await app.getUrl() }, 'registry listening');
