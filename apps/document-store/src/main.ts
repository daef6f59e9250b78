import 'reflect-metadata';
import { runServiceApp } from '@profila/platform';
import { loadDocumentStoreEnv } from './config/document-store.env.js';
import { DocumentStoreModule } from './document-store.module.js';

const env = loadDocumentStoreEnv();
await runServiceApp(DocumentStoreModule.register(env), {
  name: 'document-store',
  host: env.HOST,
  port: env.PORT,
  logLevel: env.LOG_LEVEL,
});
