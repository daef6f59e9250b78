import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';
import { LARGEST_DOCUMENT_BYTES } from '../domain/document-kind.js';

const HTTP_URL = /^https?:\/\/[^/\s]+\/?$/;

export class DocumentStoreEnv extends ServiceEnv {
  /** S3 endpoint the service talks to (MinIO; s3rver in embedded mode and tests), scheme://host:port. */
  @Matches(HTTP_URL, { message: 'S3_ENDPOINT must be http(s)://host:port' })
  S3_ENDPOINT = 'http://127.0.0.1:9000';

  @IsString()
  S3_ACCESS_KEY = 'S3RVER';

  @IsString()
  S3_SECRET_KEY = 'S3RVER';

  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid bucket name' })
  S3_BUCKET = 'profila-documents';

  @IsString()
  S3_REGION = 'us-east-1';

  /**
   * Lifetime of a download link (served by document-store, which checks the document at each use): at most a minute,
   * so that a link copied out of a page is soon worthless.
   */
  @IsInt()
  @Min(5)
  @Max(60)
  DOWNLOAD_LINK_TTL_SECONDS = 60;

  /** Every how often stale upload claims, objects no document points to, and expired links are removed. */
  @IsInt()
  @Min(10)
  @Max(86_400)
  SWEEP_INTERVAL_SECONDS = 300;

  /**
   * How old an upload claim or an unreferenced object must be before the sweeper removes it: well above the time an
   * upload takes between its claim and its commit.
   */
  @IsInt()
  @Min(1)
  @Max(1440)
  ORPHAN_GRACE_MINUTES = 15;

  /** admin-verification: confirms that a person may attach documents to a verification request. */
  @Matches(HTTP_URL, { message: 'ADMIN_VERIFICATION_URL must be http(s)://host:port' })
  ADMIN_VERIFICATION_URL = 'http://127.0.0.1:3004';

  /** raa: confirms that an attachment's uploader may attach it to the richiesta di accesso agli atti. */
  @Matches(HTTP_URL, { message: 'RAA_URL must be http(s)://host:port' })
  RAA_URL = 'http://127.0.0.1:3006';

  /**
   * PEM bundle or ETSI trusted list (AgID XML) of the CAs whose signatures are trusted; none when unset. The embedded
   * mode (npm start) sets it to its development CA (`<data>/dev-ca/dev-ca.pem`, see `npm run dev:sign`).
   */
  @IsOptional()
  @IsString()
  TRUST_LIST_FILE?: string;

  /** The largest upload of any kind (not configurable: the limits per kind are rules of the flows). */
  get MAX_UPLOAD_BYTES(): number {
    return LARGEST_DOCUMENT_BYTES;
  }
}

export function loadDocumentStoreEnv(source: NodeJS.ProcessEnv = process.env): DocumentStoreEnv {
  return withServiceDefaults(loadEnv(DocumentStoreEnv, source), 'document-store');
}
