import { IsBoolean, IsInt, Matches, Max, Min } from 'class-validator';
import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

const HTTP_URL = /^https?:\/\/[^/\s]+\/?$/;

export class RaaEnv extends ServiceEnv {
  /** registry: the officers (back-office operators) and their territories. */
  @Matches(HTTP_URL, { message: 'REGISTRY_URL must be http(s)://host:port' })
  REGISTRY_URL = 'http://127.0.0.1:3002';

  /** document-store: the requests' attachments (metadata, download links for the officers). */
  @Matches(HTTP_URL, { message: 'DOCUMENT_STORE_URL must be http(s)://host:port' })
  DOCUMENT_STORE_URL = 'http://127.0.0.1:3005';

  /**
   * Load the sample employment records (the dev IdP's test citizens and a few more workers) at boot, idempotently.
   * Default on, except with NODE_ENV=production, where the records come only from COB (`cob.employment.v1`).
   */
  @IsBoolean()
  EMPLOYMENT_SAMPLE_DATA = true;

  /** Largest attachment a request accepts, in MB (document-store's own limit for the kind is 10 MB). */
  @IsInt()
  @Min(1)
  @Max(10)
  MAX_ATTACHMENT_MB = 10;

  /** Most workers one request may list. */
  @IsInt()
  @Min(1)
  @Max(500)
  MAX_WORKERS = 50;
}

export function loadRaaEnv(source: NodeJS.ProcessEnv = process.env): RaaEnv {
  const env = withServiceDefaults(loadEnv(RaaEnv, source), 'raa');
  if (env.NODE_ENV === 'production' && source.EMPLOYMENT_SAMPLE_DATA === undefined) env.EMPLOYMENT_SAMPLE_DATA = false;
  return env;
}
