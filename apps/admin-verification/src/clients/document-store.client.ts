import { Inject, Injectable } from '@nestjs/common';
import { CommonErrorCode, CommonException } from '@profila/platform';
import type { AdminVerificationEnv } from '../config/admin-verification.env.js';
import { ADMIN_VERIFICATION_ENV } from '../config/admin-verification.tokens.js';
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

/** document-store's verdict on a stored document's signatures (the fields the back office shows). */
export interface StoredSignatureVerdict {
  hasSignature: boolean;
  signatureIntact: boolean;
  issuerTrusted: boolean;
  certificatesValid: boolean;
  signers: Array<{ name: string | null; codiceFiscale: string | null; format: string; signingTime: string | null }>;
  problems: Array<{ code: string; severity: 'error' | 'warning'; message: string }>;
}

/** The path the gateway serves document-store under: download links are built on it for the browser. */
const GATEWAY_PREFIX = '/api/document-store';

/** document-store with the service credential: a request's documents and short-lived download links. */
@Injectable()
export class DocumentStoreClient {
  constructor(@Inject(ADMIN_VERIFICATION_ENV) private readonly env: AdminVerificationEnv) {}

  async list(entityId: string): Promise<StoredDocument[]> {
    const answer = await this.call<{ items: StoredDocument[] }>(
      'GET',
      `documents?entityType=admin-verification-request&entityId=${encodeURIComponent(entityId)}`,
    );
    if (answer.status !== 200) throw unavailable();
    return answer.body.items;
  }

  /** Logical deletion (no longer listed nor downloadable); an already deleted document is fine. */
  async delete(documentId: string): Promise<void> {
    const answer = await this.call('DELETE', `documents/${encodeURIComponent(documentId)}`);
    if (answer.status !== 200 && answer.status !== 404) throw unavailable();
  }

  async downloadLink(documentId: string): Promise<{ url: string; expiresAt: string }> {
    const answer = await this.call<{ url: string; expiresAt: string }>(
      'POST',
      `documents/${encodeURIComponent(documentId)}/download-link`,
      undefined,
      { 'x-forwarded-prefix': GATEWAY_PREFIX },
    );
    if (answer.status !== 200) throw unavailable();
    return answer.body;
  }

  /** The signatures of a stored document, checked on its bytes by document-store. */
  async signatureOf(documentId: string): Promise<StoredSignatureVerdict> {
    const answer = await this.call<StoredSignatureVerdict>(
      'GET',
      `signatures/documents/${encodeURIComponent(documentId)}`,
    );
    if (answer.status !== 200) throw unavailable();
    return answer.body;
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ServiceAnswer<T>> {
    try {
      return await callService<T>(this.env.DOCUMENT_STORE_URL, this.env.SERVICE_TOKEN, method, path, body, headers);
    } catch {
      throw unavailable();
    }
  }
}

function unavailable(): CommonException {
  return new CommonException(CommonErrorCode.SERVICE_UNAVAILABLE, 'Archivio documenti non raggiungibile: riprovare.');
}
