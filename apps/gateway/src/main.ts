import 'reflect-metadata';
import { createLogger } from '@profila/platform';
import { loadGatewayEnv } from './config/gateway.env.js';
import { createGatewayApp } from './gateway.app.js';

const env = loadGatewayEnv();
const app = await createGatewayApp(env);
await app.listen(env.PORT, env.HOST);
createLogger('gateway').info({ url: env.PUBLIC_URL }, 'gateway listening');
