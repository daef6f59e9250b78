import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

export class DocumentStoreEnv extends ServiceEnv {}

export function loadDocumentStoreEnv(source: NodeJS.ProcessEnv = process.env): DocumentStoreEnv {
  return withServiceDefaults(loadEnv(DocumentStoreEnv, source), 'document-store');
}
