// The requester's side of raa (richieste di accesso agli atti), through the gateway.
import { ApiError, apiRequest, CSRF_COOKIE, CSRF_HEADER, readCookie } from '@profila/ui';

const BASE = '/api/raa';

export interface RaaProfile {
  enabled: boolean;
  nome: string | null;
  cognome: string | null;
  provincia: string | null;
  tipologie: string[];
  maxAttachmentBytes: number;
}

export interface RaaSummary {
  id: string;
  protocollo: string | null;
  dataRichiesta: string;
  dataProtocollo: string | null;
  state: string;
  stateLabel: string;
}

export interface RaaWorker {
  id: string;
  codiceFiscale: string;
  descrizione: string | null;
  stato: string;
  known: boolean;
  avviso: string | null;
  situazione: string | null;
  situazioneLabel: string | null;
  datoreCf: string | null;
  datoreRagioneSociale: string | null;
  dataInizio: string | null;
}

export interface RaaAttachment {
  id: string;
  documentId: string;
  nome: string;
  descrizione: string | null;
  stato: string;
  size: number;
}

export interface RaaRequest {
  id: string;
  state: string;
  stateLabel: string;
  intestazione: string;
  provincia: string;
  ragioneSocialeRichiedente: string | null;
  tipologiaRichiesta: string | null;
  ragioneSocialeMandante: string | null;
  codiceFiscaleMandante: string | null;
  motivazione: string;
  dataRichiesta: string;
  protocollo: string | null;
  dataProtocollo: string | null;
  editable: boolean;
  workers: RaaWorker[];
  attachments: RaaAttachment[];
  answer: { dataRicerca: string; rispostaProvincia: string | null; at: string } | null;
  refusal: { motivo: string; at: string } | null;
}

export interface RaaForm {
  provincia: string;
  ragioneSocialeRichiedente: string;
  tipologiaRichiesta: string;
  ragioneSocialeMandante: string;
  codiceFiscaleMandante: string;
  motivazione: string;
}

const id = (value: string) => encodeURIComponent(value);

export const raaApi = {
  profile: () => apiRequest<RaaProfile>('GET', `${BASE}/me/profile`),
  list: () => apiRequest<{ items: RaaSummary[] }>('GET', `${BASE}/requests`),
  get: (requestId: string) => apiRequest<RaaRequest>('GET', `${BASE}/requests/${id(requestId)}`),
  create: (form: RaaForm) => apiRequest<RaaRequest>('POST', `${BASE}/requests`, form),
  update: (requestId: string, form: RaaForm) =>
    apiRequest<RaaRequest>('PUT', `${BASE}/requests/${id(requestId)}`, form),
  addWorker: (requestId: string, codiceFiscale: string, descrizione: string) =>
    apiRequest<RaaRequest>('POST', `${BASE}/requests/${id(requestId)}/workers`, {
      codiceFiscale,
      ...(descrizione.trim() ? { descrizione } : {}),
    }),
  removeWorker: (requestId: string, workerId: string) =>
    apiRequest<RaaRequest>('DELETE', `${BASE}/requests/${id(requestId)}/workers/${id(workerId)}`),
  addAttachment: (requestId: string, documentId: string, descrizione: string) =>
    apiRequest<RaaRequest>('POST', `${BASE}/requests/${id(requestId)}/attachments`, {
      documentId,
      ...(descrizione.trim() ? { descrizione } : {}),
    }),
  removeAttachment: (requestId: string, attachmentId: string) =>
    apiRequest<RaaRequest>('DELETE', `${BASE}/requests/${id(requestId)}/attachments/${id(attachmentId)}`),
  attachmentLink: (requestId: string, attachmentId: string) =>
    apiRequest<{ url: string }>(
      'POST',
      `${BASE}/requests/${id(requestId)}/attachments/${id(attachmentId)}/download-link`,
    ),
  cancel: (requestId: string) => apiRequest<RaaRequest>('POST', `${BASE}/requests/${id(requestId)}/cancel`),
  submit: (requestId: string) => apiRequest<RaaRequest>('POST', `${BASE}/requests/${id(requestId)}/submit`),
  pdfUrl: (requestId: string) => `${BASE}/requests/${id(requestId)}/pdf`,
};

/** The attachment's bytes to document-store (kind raa-attachment, linked to the request); resolves with its id. */
export async function uploadAttachment(requestId: string, file: File): Promise<string> {
  const form = new FormData();
  form.append('kind', 'raa-attachment');
  form.append('entityType', 'raa-request');
  form.append('entityId', requestId);
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers[CSRF_HEADER] = csrf;
  const response = await fetch('/api/document-store/documents', {
    method: 'POST',
    headers,
    body: form,
    credentials: 'same-origin',
  });
  const body = (await response.json().catch(() => ({}))) as {
    id?: string;
    code?: string;
    message?: string;
    details?: { fields?: Record<string, string> };
  };
  if (response.ok && body.id) return body.id;
  const fields = body.details?.fields ?? {};
  const message = Object.values(fields)[0] ?? body.message ?? 'Caricamento del file non riuscito.';
  throw new ApiError(response.status, body.code ?? `HTTP_${response.status}`, message, fields);
}

/** YYYY-MM-DD → DD/MM/YYYY, as the manual prints dates. */
export function italianDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
