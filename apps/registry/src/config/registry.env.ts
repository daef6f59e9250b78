import { IsString, Matches } from 'class-validator';
import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

export class RegistryEnv extends ServiceEnv {
  /** document-store: the association declaration PDF, the signature inspection, the signed copy's storage. */
  @IsString()
  @Matches(/^https?:\/\/[^/\s]+\/?$/, { message: 'DOCUMENT_STORE_URL must be http(s)://host:port' })
  DOCUMENT_STORE_URL = 'http://127.0.0.1:3005';
}

export function loadRegistryEnv(source: NodeJS.ProcessEnv = process.env): RegistryEnv {
  return withServiceDefaults(loadEnv(RegistryEnv, source), 'registry');
}
