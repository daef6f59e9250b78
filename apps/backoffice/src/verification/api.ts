// The back office's calls to admin-verification through the gateway (`/api/admin-verification/operator/...`).
// Refusals (not an operator, not a super-operator, outside the territory) come back as ApiError with the service's
// Italian message, which the pages show as they are.
import { apiRequest } from '@profila/ui';

const BASE = '/api/admin-verification/operator';

export const KIND_OPTIONS = [
  { value: 'amministratore', label: 'Nomina amministratore aziendale' },
  { value: 'responsabile-unico', label: 'Responsabile unico della pubblica amministrazione' },
  { value: 'raa', label: 'Profilo RAA (avvocati ed enti autorizzati)' },
] as const;

export const STATE_OPTIONS = [
  { value: 'pending', label: 'In attesa di abilitazione' },
  { value: 'taken', label: 'Presa in carico' },
  { value: 'integration-requested', label: 'Da integrare' },
  { value: 'resubmitted', label: 'Integrata, in attesa di abilitazione' },
  { value: 'approved', label: 'Abilitato' },
  { value: 'rejected', label: 'Respinto' },
  { value: 'expired', label: 'Scaduta' },
] as const;

export interface Person {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  dataNascita: string | null;
  luogoNascita: string | null;
  email: string;
  pec: string | null;
}

export interface Step {
  action: string;
  label: string;
  from: string;
  to: string;
  by: string | null;
  note: string | null;
  at: string;
}

export interface DocumentSlot {
  kind: string;
  label: string;
  entityId: string;
  required: boolean;
  documentId?: string | null;
  fileName?: string | null;
  contentType?: string | null;
  size?: number | null;
}

/** The signature check of a stored document (document-store on its bytes), shown beside it. */
export interface DocumentSignature {
  signed: boolean;
  intact: boolean;
  trusted: boolean;
  certificatesValid: boolean;
  signers: Array<{ name: string | null; codiceFiscale: string | null; format: string; signingTime: string | null }>;
  problems: Array<{ severity: 'error' | 'warning'; message: string }>;
}

export interface VerificationRequest {
  id: string;
  kind: string;
  kindLabel: string;
  state: string;
  stateLabel: string;
  editable: boolean;
  late: boolean;
  applicantCodiceFiscale: string;
  person: Person;
  organization: { organizationId: string | null; codiceFiscale: string; ragioneSociale: string } | null;
  professione: string | null;
  territory: { comune: string | null; provincia: string | null };
  takenBy: string | null;
  dueDate: string | null;
  decisionNote: string | null;
  waitingSince: string | null;
  createdAt: string;
  updatedAt: string;
  history?: Step[];
  documents?: DocumentSlot[];
  ipa?: { denominazione: string; codiceIpa: string; comune: string; provincia: string; indirizzo: string } | null;
}

export interface OperatorUnit {
  organizationId: string;
  ragioneSociale: string;
  unitId: string;
  descrizione: string;
  comuniServiti: string[];
  provinceServite: string[];
}

export interface OperatorMe {
  codiceFiscale: string;
  superOperatore: boolean;
  units: OperatorUnit[];
}

export interface OperatorEntry {
  codiceFiscale: string;
  nome: string | null;
  cognome: string | null;
  assignments: Array<{
    organizationId: string;
    ragioneSociale: string;
    superOperatore: boolean;
    units: OperatorUnit[];
  }>;
}

export interface Structure {
  organizationId: string;
  ragioneSociale: string;
  tipoEnte: string | null;
  units: Array<{ unitId: string; descrizione: string; comuniServiti: string[]; provinceServite: string[] }>;
}

/** The PA the operator adds to the registry for a Responsabile unico request (IPA data or by hand). */
export interface PublicAdministrationForm {
  denominazione: string;
  comune: string;
  provincia: string;
  indirizzo: string;
  cap: string;
  email: string;
  codiceIpa: string;
}

function withoutEmpty(form: PublicAdministrationForm): Partial<PublicAdministrationForm> {
  const entries = Object.entries(form as unknown as Record<string, string>);
  return Object.fromEntries(
    entries.filter(([key, value]) => value.trim() !== '' || !['cap', 'codiceIpa'].includes(key)),
  );
}

export interface QueueFilters {
  kind?: string;
  state?: string;
  provincia?: string;
  olderThanDays?: string;
  late?: boolean;
}

export function queueQuery(filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.state) params.set('state', filters.state);
  if (filters.provincia) params.set('provincia', filters.provincia.trim().toUpperCase());
  if (filters.olderThanDays) params.set('olderThanDays', filters.olderThanDays);
  if (filters.late) params.set('late', 'true');
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const operatorApi = {
  me: () => apiRequest<OperatorMe>('GET', `${BASE}/me`),
  queue: (filters: QueueFilters) =>
    apiRequest<{ items: VerificationRequest[] }>('GET', `${BASE}/requests${queueQuery(filters)}`),
  detail: (id: string) => apiRequest<VerificationRequest>('GET', `${BASE}/requests/${encodeURIComponent(id)}`),
  take: (id: string) => apiRequest<VerificationRequest>('POST', `${BASE}/requests/${encodeURIComponent(id)}/take`),
  approve: (id: string) =>
    apiRequest<VerificationRequest>('POST', `${BASE}/requests/${encodeURIComponent(id)}/approve`),
  reject: (id: string, reason: string) =>
    apiRequest<VerificationRequest>('POST', `${BASE}/requests/${encodeURIComponent(id)}/reject`, { reason }),
  integration: (id: string, missing: string) =>
    apiRequest<VerificationRequest>('POST', `${BASE}/requests/${encodeURIComponent(id)}/integration`, { missing }),
  documentLink: (id: string, documentId: string) =>
    apiRequest<{ url: string; expiresAt: string }>(
      'POST',
      `${BASE}/requests/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}/link`,
    ),
  documentSignature: (id: string, documentId: string) =>
    apiRequest<DocumentSignature>(
      'GET',
      `${BASE}/requests/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}/signature`,
    ),
  addPublicAdministration: (id: string, body: PublicAdministrationForm) =>
    apiRequest<VerificationRequest>(
      'PUT',
      `${BASE}/requests/${encodeURIComponent(id)}/public-administration`,
      withoutEmpty(body),
    ),
  endResponsabile: (codiceFiscale: string) =>
    apiRequest<{ ended: boolean; ragioneSociale: string }>(
      'DELETE',
      `${BASE}/responsabili-unici/${encodeURIComponent(codiceFiscale)}`,
    ),
  operators: () => apiRequest<{ items: OperatorEntry[] }>('GET', `${BASE}/operators`),
  structures: () => apiRequest<{ items: Structure[] }>('GET', `${BASE}/structures`),
  assign: (
    codiceFiscale: string,
    organizationId: string,
    body: { nome: string; cognome: string; unitIds: string[]; superOperatore?: boolean },
  ) =>
    apiRequest<OperatorMe>(
      'PUT',
      `${BASE}/operators/${encodeURIComponent(codiceFiscale)}/organizations/${encodeURIComponent(organizationId)}`,
      body,
    ),
  unassign: (codiceFiscale: string, organizationId: string) =>
    apiRequest<OperatorMe>(
      'DELETE',
      `${BASE}/operators/${encodeURIComponent(codiceFiscale)}/organizations/${encodeURIComponent(organizationId)}`,
    ),
};

const DATE_TIME = new Intl.DateTimeFormat('it-IT', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' });
const DATE = new Intl.DateTimeFormat('it-IT', { dateStyle: 'short', timeZone: 'Europe/Rome' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? DATE_TIME.format(new Date(iso)) : '—';
}

/** `YYYY-MM-DD` (a calendar day) or an ISO instant, as a day. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return DATE.format(date);
}

/** Whole days since an instant. */
export function daysSince(iso: string | null | undefined, now = Date.now()): number | null {
  if (!iso) return null;
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 86_400_000));
}
