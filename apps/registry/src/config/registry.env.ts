import { IsBoolean, IsString, Matches } from 'class-validator';
import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

export class RegistryEnv extends ServiceEnv {
  /** document-store: the association declaration PDF, the signature inspection, the signed copy's storage. */
  @IsString()
  @Matches(/^https?:\/\/[^/\s]+\/?$/, { message: 'DOCUMENT_STORE_URL must be http(s)://host:port' })
  DOCUMENT_STORE_URL = 'http://127.0.0.1:3005';

  /**
   * Register sample back-office structures at boot, once (Provincia Autonoma di Trento, Provincia di Como, Regione
   * Lombardia, each with its Centro per l'Impiego serving its province), so that operators can be assigned by hand
   * after `npm start`. Off by default; `npm start` turns it on; refused with NODE_ENV=production.
   */
  @IsBoolean()
  SAMPLE_STRUCTURES = false;
}

export function loadRegistryEnv(source: NodeJS.ProcessEnv = process.env): RegistryEnv {
  const env = withServiceDefaults(loadEnv(RegistryEnv, source), 'registry');
  if (env.NODE_ENV === 'production' && env.SAMPLE_STRUCTURES) {
    throw new Error('SAMPLE_STRUCTURES is for the embedded mode: it cannot be set with NODE_ENV=production');
  }
  return env;
}
