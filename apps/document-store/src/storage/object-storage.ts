import { Client } from 'minio';
import { createLogger } from '@profila/platform';
import { LARGEST_DOCUMENT_BYTES, MB } from '../domain/document-kind.js';
import type { DocumentStoreEnv } from '../config/document-store.env.js';

/**
 * Above the largest document: every upload is one PUT. s3rver (embedded mode, tests) has no multipart upload API,
 * and the minio client switches to multipart only for objects larger than its part size.
 */
export const PART_SIZE = Math.max(5 * MB, Math.ceil((LARGEST_DOCUMENT_BYTES + 1) / MB) * MB + MB);

export interface StoredObject {
  key: string;
  lastModified: Date;
}

/**
 * The documents bucket on MinIO (s3rver in embedded mode and tests) through the `minio` client. Only document-store
 * talks to it: downloads are served by document-store, which checks the bytes against the stored SHA-256.
 */
export class ObjectStorage {
  private readonly logger: ReturnType<typeof createLogger>;
  private readonly client: Client;
  readonly bucket: string;

  constructor(private readonly env: DocumentStoreEnv) {
    this.logger = createLogger('document-store.storage', env.LOG_LEVEL);
    this.bucket = env.S3_BUCKET;
    this.client = clientFor(env.S3_ENDPOINT, env);
  }

  /** Creates the bucket if it does not exist yet (boot). */
  async ensureBucket(): Promise<void> {
    if (await this.client.bucketExists(this.bucket)) return;
    try {
      await this.client.makeBucket(this.bucket, this.env.S3_REGION);
      this.logger.info({ bucket: this.bucket }, 'bucket created');
    } catch (error) {
      // Another replica may have created it in the meantime.
      if (!(await this.client.bucketExists(this.bucket))) throw error;
    }
  }

  async bucketReachable(timeoutMs = 1500): Promise<boolean> {
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    return Promise.race([this.client.bucketExists(this.bucket).catch(() => false), timeout]);
  }

  /** Writes a new object (keys are never reused: an object is written once, under a key claimed beforehand). */
  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.client.putObject(this.bucket, key, bytes, bytes.length, { 'Content-Type': contentType });
  }

  async get(key: string): Promise<Buffer> {
    const stream = await this.client.getObject(this.bucket, key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Removes an object (no error when it is already gone). */
  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.bucket, key);
  }

  /** Best effort: used to clean up after a refused or failed upload. */
  async removeQuietly(key: string): Promise<void> {
    try {
      await this.client.removeObject(this.bucket, key);
    } catch (error) {
      this.logger.warn({ key, err: error }, 'could not remove object');
    }
  }

  /** The objects under `prefix` with their last write time (a listing in pages, read to its end). */
  async *listObjects(prefix: string): AsyncGenerator<StoredObject> {
    for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
      const { name, lastModified } = item as { name?: string; lastModified?: Date };
      if (name) yield { key: name, lastModified: lastModified ?? new Date(0) };
    }
  }
}

function clientFor(endpoint: string, env: DocumentStoreEnv): Client {
  const url = new URL(endpoint);
  const useSSL = url.protocol === 'https:';
  return new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: env.S3_ACCESS_KEY,
    secretKey: env.S3_SECRET_KEY,
    // Set explicitly: no bucket-location lookup.
    region: env.S3_REGION,
    pathStyle: true,
    partSize: PART_SIZE,
  });
}
