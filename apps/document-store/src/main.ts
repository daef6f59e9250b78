import 'reflect-metadata';
import { createLogger } from '@profila/platform';
import { loadDocumentStoreEnv } from './config/document-store.env.js';
import { createDocumentStoreApp } from './document-store.app.js';

const env = loadDocumentStoreEnv();
const app = await createDocumentStoreApp(env);
await app.listen(env.PORT, env.HOST);
createLogger('document-store').info({ url: await app.getUrl() }, 'document-store listening');
