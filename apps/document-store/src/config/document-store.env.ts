import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';
import { LARGEST_DOCUMENT_BYTES } from '../documents/domain/document-kind.js';

const HTTP_URL = /^https?:\/\/[^/\s]+\/?$/;

export class DocumentStoreEnv extends ServiceEnv {
  /** S3 endpoint the service talks to (MinIO; s3rver in embedded mode and tests), scheme://host:port. */
  @Matches(HTTP_URL, { message: 'S3_ENDPOINT must be http(s)://host:port' })
  S3_ENDPOINT = 'http://127.0.0.1:9000';

  /**
   * Endpoint browsers reach the object storage at: presigned download links are signed for this host.
   * Defaults to S3_ENDPOINT (embedded mode, where both are the same loopback address).
   */
  @IsOptional()
  @Matches(HTTP_URL, { message: 'S3_PUBLIC_ENDPOINT must be http(s)://host:port' })
  S3_PUBLIC_ENDPOINT?: string;

  @IsString()
  S3_ACCESS_KEY = 'S3RVER';

  @IsString()
  S3_SECRET_KEY = 'S3RVER';

  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid bucket name' })
  S3_BUCKET = 'profila-documents';

  @IsString()
  S3_REGION = 'us-east-1';

  /** Lifetime of a presigned download link. */
  @IsInt()
  @Min(10)
  @Max(3600)
  DOWNLOAD_URL_TTL_SECONDS = 300;

  /** PEM bundle or ETSI trusted list (AgID XML) of the CAs whose signatures are trusted; none when unset. */
  @IsOptional()
  @IsString()
  TRUST_LIST_FILE?: string;

  /** The largest upload of any kind (not configurable: the limits per kind are rules of the flows). */
  get MAX_UPLOAD_BYTES(): number {
    return LARGEST_DOCUMENT_BYTES;
  }

  get s3PublicEndpoint(): string {
    return this.S3_PUBLIC_ENDPOINT ?? this.S3_ENDPOINT;
  }
}

export function loadDocumentStoreEnv(source: NodeJS.ProcessEnv = process.env): DocumentStoreEnv {
  return withServiceDefaults(loadEnv(DocumentStoreEnv, source), 'document-store');
}
