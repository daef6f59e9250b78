// The applicant's side of admin-verification (the Amministratore nomination), through the gateway.
import { ApiError, apiRequest, CSRF_COOKIE, CSRF_HEADER, readCookie } from '@profila/ui';

const BASE = '/api/admin-verification/requests';

export interface DocumentSlot {
  kind: string;
  label: string;
  entityId: string;
  required: boolean;
  documentId?: string | null;
  fileName?: string | null;
}

export interface NominationRequest {
  id: string;
  kind: string;
  kindLabel: string;
  state: string;
  stateLabel: string;
  editable: boolean;
  person: {
    codiceFiscale: string;
    nome: string;
    cognome: string;
    dataNascita: string | null;
    luogoNascita: string | null;
    email: string;
  };
  organization: { organizationId: string | null; codiceFiscale: string; ragioneSociale: string } | null;
  decisionNote: string | null;
  dueDate: string | null;
  documents?: DocumentSlot[];
}

export interface NominationForm {
  organizationId: string;
  nome: string;
  cognome: string;
  dataNascita: string;
  luogoNascita: string;
  codiceFiscale: string;
  email: string;
  emailConferma: string;
}

export interface OrganizationHit {
  id: string;
  ragioneSociale: string;
  codiceFiscale: string;
}

export const nominationApi = {
  mine: () => apiRequest<{ items: NominationRequest[] }>('GET', BASE),
  get: (id: string) => apiRequest<NominationRequest>('GET', `${BASE}/${encodeURIComponent(id)}`),
  create: (form: NominationForm) => apiRequest<NominationRequest>('POST', `${BASE}/amministratore`, form),
  update: (id: string, form: NominationForm) =>
    apiRequest<NominationRequest>('PUT', `${BASE}/${encodeURIComponent(id)}/amministratore`, form),
  submit: (id: string) => apiRequest<NominationRequest>('POST', `${BASE}/${encodeURIComponent(id)}/submit`),
  resubmit: (id: string) => apiRequest<NominationRequest>('POST', `${BASE}/${encodeURIComponent(id)}/resubmit`),
  searchOrganizations: (q: string) =>
    apiRequest<{ items: OrganizationHit[] }>(
      'GET',
      `/api/registry/organizations/search?q=${encodeURIComponent(q)}&tipo=italiane`,
    ),
};

/** "Carica File": multipart to document-store, linked to the request's slot (entityType admin-verification-request). */
export async function uploadDocument(slot: DocumentSlot, file: File): Promise<void> {
  const form = new FormData();
  form.append('kind', slot.kind);
  form.append('entityType', 'admin-verification-request');
  form.append('entityId', slot.entityId);
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
  if (response.ok) return;
  const body = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    details?: { fields?: Record<string, string> };
  };
  const fields = body.details?.fields ?? {};
  const message = Object.values(fields)[0] ?? body.message ?? 'Caricamento del file non riuscito.';
  throw new ApiError(response.status, body.code ?? `HTTP_${response.status}`, message, fields);
}

/** "Scarica documento di delega": the blank template from document-store. */
export const DELEGA_TEMPLATE_URL = '/api/document-store/templates/delega';
