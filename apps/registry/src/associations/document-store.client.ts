import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CALLER_HEADER, SERVICE_TOKEN_HEADER } from '@profila/platform';
import type { RegistryEnv } from '../config/registry.env.js';
import { REGISTRY_ENV } from '../config/registry.tokens.js';
import { AssociationsException, AssociationsExceptionCode } from './associations.exception.js';

export interface DeclarationRequest {
  citizen: { codiceFiscale: string; nome: string; cognome: string; dataNascita: string; luogoNascita: string };
  organization: {
    ragioneSociale: string;
    codiceFiscale: string;
    partitaIva?: string;
    estera?: boolean;
    sedeLegale: { indirizzo?: string; cap?: string; comune: string; provincia?: string; statoEstero?: string };
    tipoSoggettoAbilitato?: string;
  };
}

export interface GeneratedDeclaration {
  requestCode: string;
  fileName: string;
  bytes: Buffer;
}

/** document-store's verdict on a signed declaration (the fields registry relies on; the rest is kept as is). */
export interface SignatureVerdict {
  acceptable: boolean;
  signerMatchesCitizen: boolean | null;
  contentMatchesExpected: boolean | null;
  requestCode: string | null;
  problems: Array<{ code: string; severity: 'error' | 'warning'; message: string }>;
  [key: string]: unknown;
}

/** document-store over HTTP with the service credential: declarations, signature inspection, storage. */
@Injectable()
export class DocumentStoreClient {
  constructor(@Inject(REGISTRY_ENV) private readonly env: RegistryEnv) {}

  async associationDeclaration(body: DeclarationRequest): Promise<GeneratedDeclaration> {
    const res = await this.call('/templates/association-declaration', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status === 400) throw await refused(res);
    if (!res.ok) throw unavailable();
    const disposition = res.headers.get('content-disposition') ?? '';
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    return {
      requestCode: res.headers.get('x-profila-request-code') ?? '',
      fileName: name ? decodeURIComponent(name) : 'dichiarazione-associazione.pdf',
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  }

  /**
   * One call: document-store inspects the signed declaration and, only when acceptable, stores those same bytes as
   * the organisation's signed-declaration owned by the citizen (`documentId`, null when refused).
   */
  async inspectAndStore(
    requestCode: string,
    organizationId: string,
    citizenCf: string,
    fileName: string,
    bytes: Buffer,
  ): Promise<SignatureVerdict & { documentId: string | null }> {
    const form = new FormData();
    form.append('requestCode', requestCode);
    form.append('entityType', 'organization');
    form.append('entityId', organizationId);
    form.append('ownerId', citizenCf);
    form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
    const res = await this.call('/signatures/inspect?store=true', { method: 'POST', body: form });
    if ([400, 404, 413, 415, 422].includes(res.status)) throw await refused(res);
    if (!res.ok) throw unavailable();
    return (await res.json()) as SignatureVerdict & { documentId: string | null };
  }

  /** Best effort: removes a stored copy whose association lost the race. */
  async deleteQuietly(documentId: string): Promise<void> {
    try {
      await this.call(`/documents/${encodeURIComponent(documentId)}`, { method: 'DELETE' });
    } catch {
      // The document stays, linked to the organisation; nothing refers to it.
    }
  }

  private async call(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.env.DOCUMENT_STORE_URL.replace(/\/$/, '')}${path}`, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string> | undefined),
          [SERVICE_TOKEN_HEADER]: this.env.SERVICE_TOKEN,
          [SERVICE_CALLER_HEADER]: 'registry',
        },
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      throw unavailable();
    }
  }
}

function unavailable(): AssociationsException {
  return new AssociationsException(
    AssociationsExceptionCode.DOCUMENT_STORE_UNAVAILABLE,
    'Servizio documenti momentaneamente non disponibile. Riprovare più tardi.',
  );
}

async function refused(res: Response): Promise<AssociationsException> {
  const body = (await res.json().catch(() => ({}))) as { message?: string; code?: string };
  return new AssociationsException(
    AssociationsExceptionCode.DECLARATION_REFUSED,
    body.message ?? 'Dichiarazione non accettata.',
    { documentStoreCode: body.code ?? null },
  );
}
