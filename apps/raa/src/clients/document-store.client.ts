import { Inject, Injectable } from '@nestjs/common';
import { CommonErrorCode, CommonException } from '@profila/platform';
import type { RaaEnv } from '../config/raa.env.js';
import { RAA_ENV } from '../config/raa.tokens.js';
import { callService, type ServiceAnswer } from './service-http.js';

export interface StoredDocument {
  id: string;
  kind: string;
  entityType: string;
  entityId: string;
  ownerId: string | null;
  fileName: string;
  size: number;
  contentType: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** The path the gateway serves document-store under: download links are built on it for the browser. */
const GATEWAY_PREFIX = '/api/document-store';

/** document-store with the service credential: an attachment's metadata and short-lived download links. */
@Injectable()
export class DocumentStoreClient {
  constructor(@Inject(RAA_ENV) private readonly env: RaaEnv) {}

  /** null when the document does not exist (or was deleted). */
  async get(documentId: string): Promise<StoredDocument | null> {
    const answer = await this.call<StoredDocument>('GET', `documents/${encodeURIComponent(documentId)}`);
    if (answer.status === 404 || answer.status === 410 || answer.status === 400) return null;
    if (answer.status !== 200) throw unavailable();
    return answer.body;
  }

  async downloadLink(documentId: string): Promise<{ url: string; expiresAt: string }> {
    const answer = await this.call<{ url: string; expiresAt: string }>(
      'POST',
      `documents/${encodeURIComponent(documentId)}/download-link`,
      { 'x-forwarded-prefix': GATEWAY_PREFIX },
    );
    if (answer.status !== 200) throw unavailable();
    return answer.body;
  }

  private async call<T>(method: string, path: string, headers?: Record<string, string>): Promise<ServiceAnswer<T>> {
    try {
      return await callService<T>(
        this.env.DOCUMENT_STORE_URL,
        this.env.SERVICE_TOKEN,
        method,
        path,
        undefined,
        headers,
      );
    } catch {
      throw unavailable();
    }
  }
}

function unavailable(): CommonException {
  return new CommonException(CommonErrorCode.SERVICE_UNAVAILABLE, 'Archivio documenti non raggiungibile: riprovare.');
}
