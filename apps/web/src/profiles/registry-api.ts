// The registry's citizen API (gateway prefix /api/registry) and the document-store calls of the organisation's
// Documenti section. JSON through @profila/ui's apiRequest; the two multipart uploads and the declaration download
// by fetch here, with the same CSRF double submit and the same error shape (ApiError with the field messages).
import { ApiError, apiRequest, CSRF_COOKIE, CSRF_HEADER, type FieldErrors, readCookie } from '@profila/ui';

export const REGISTRY_API = '/api/registry';
const DOCUMENTS_API = '/api/document-store';

export type OrganizationKind = 'azienda-italiana' | 'azienda-estera' | 'ente-operatore' | 'pubblica-amministrazione';

export interface Provincia {
  sigla: string;
  nome: string;
}
export interface Comune {
  codiceBelfiore: string;
  nome: string;
  provincia: string;
  cap: string[];
}
export interface StatoEstero {
  codiceBelfiore: string;
  nome: string;
  iso3166: string | null;
}
export interface Place {
  codiceBelfiore: string;
  nome: string;
  provincia?: string;
}

export interface OrganizationHit {
  id: string;
  ragioneSociale: string;
  codiceFiscale: string;
  comune: string | null;
  kind: OrganizationKind;
}

export interface MyProfile {
  organizationId: string;
  profilo: string;
  ragioneSociale: string;
  codiceFiscale: string;
  tipoProfilo: string;
  tipiSoggettoAbilitato: string[];
  ruolo: 'amministratore' | 'collaboratore';
  roles: string[];
}

export interface Accreditation {
  tipo: string;
  label: string;
  readOnly: boolean;
}

export interface LegalRepresentative {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  dataNascita: string;
  luogoNascita: Place | null;
  luogoNascitaCodice: string;
}

export interface Organization {
  id: string;
  kind: OrganizationKind;
  tipoProfilo: string;
  codiceFiscale: string | null;
  partitaIva: string | null;
  codiceIdentificativo: string | null;
  statoEstero: Place | null;
  ragioneSociale: string;
  formaGiuridica: string | null;
  tipoEnte: string | null;
  settoreEconomico: string | null;
  tipoAzienda: string | null;
  comune: Place | null;
  citta: string | null;
  cap: string | null;
  indirizzo: string;
  email: string | null;
  pec: string | null;
  telefono: string | null;
  fax: string | null;
  provinciaRiferimento: string | null;
  codiceIpa: string | null;
  tipiSoggettoAbilitato: Accreditation[];
  rappresentanteLegale: LegalRepresentative | null;
  sezioniSbloccate: boolean;
  modificabile: boolean;
}

export interface Person {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  dataNascita: string;
  /** Belfiore code of the comune (or Z-code of the state) of birth. */
  luogoNascita: string;
}

export interface Unit {
  id: string;
  descrizione: string;
  comune: string;
  comuneNome: string;
  provincia: string;
  cap: string | null;
  indirizzo: string;
  validaDal: string;
  validaAl: string | null;
  comuniServiti: string[];
  provinceServite: string[];
}

export interface UnitInput {
  descrizione: string;
  comune: string;
  cap?: string;
  indirizzo: string;
  validaDal: string;
  validaAl?: string;
}

export const ROLES = ['COB', 'SARE', 'IDO', 'RAA', 'ANAGRAFICA'] as const;
export type Role = (typeof ROLES)[number];

export interface Member {
  id: string;
  codiceFiscale: string;
  nome: string | null;
  cognome: string | null;
  dataNascita: string | null;
  luogoNascita: string | null;
  tipo: 'amministratore' | 'collaboratore';
  ruoli: Role[];
  ambito: 'organizzazione' | 'unita';
  unitaIds: string[];
  validaDal: string;
  validaAl: string | null;
}

export interface MemberGrant {
  ruoli: Role[];
  ambito: 'organizzazione' | 'unita';
  unitaIds?: string[];
  validaDal?: string;
  validaAl?: string;
}

/** "Utenti importati dal sistema precedente": a person the legacy system named, not in the organigram. */
export interface ImportedPerson {
  id: string;
  codiceFiscale: string;
  cognome: string;
  nome: string;
  email: string | null;
  dataNascita: string | null;
  luogoNascitaCodice: string | null;
  luogoNascita: Place | null;
  ruolo: 'referente' | 'personale';
  unitaId: string | null;
  unitaDescrizione: string | null;
  importatoIl: string;
}

export interface ImportedPeoplePage {
  items: ImportedPerson[];
  totale: number;
  pagina: number;
  elementi: number;
}

export interface HistoryEntry {
  occurredAt: string;
  action: string;
  actorKind: string;
  actorId: string;
  actingFor: string | null;
  data: Record<string, unknown>;
}

export interface StoredDocument {
  id: string;
  kind: string;
  fileName: string;
  size: number;
  contentType: string;
  uploadedAt: string;
  uploadedBy?: string;
}

export interface DeclarationRequest {
  nome: string;
  cognome: string;
  dataNascita: string;
  luogoNascita: string;
  tipoSoggettoAbilitato?: string;
}

export interface DownloadedDeclaration {
  requestCode: string;
  fileName: string;
  blob: Blob;
}

const q = (value: string) => encodeURIComponent(value);
const org = (id: string) => `${REGISTRY_API}/organizations/${q(id)}`;

export const registryApi = {
  province: (text: string) =>
    apiRequest<{ items: Provincia[] }>('GET', `${REGISTRY_API}/reference/province?q=${q(text)}`),
  comuniOf: (sigla: string, text: string) =>
    apiRequest<{ items: Comune[] }>('GET', `${REGISTRY_API}/reference/province/${q(sigla)}/comuni?q=${q(text)}`),
  comuni: (text: string) => apiRequest<{ items: Comune[] }>('GET', `${REGISTRY_API}/reference/comuni?q=${q(text)}`),
  statiEsteri: (text: string) =>
    apiRequest<{ items: StatoEstero[] }>('GET', `${REGISTRY_API}/reference/stati-esteri?q=${q(text)}`),

  search: (text: string, tipo: 'italiane' | 'estere') =>
    apiRequest<{ items: OrganizationHit[] }>(
      'GET',
      `${REGISTRY_API}/organizations/search?q=${q(text)}&tipo=${q(tipo)}`,
    ),
  register: (path: 'italiane' | 'estere' | 'enti' | 'pubbliche-amministrazioni', body: Record<string, unknown>) =>
    apiRequest<{ id: string; ragioneSociale: string; codiceFiscale: string | null }>(
      'POST',
      `${REGISTRY_API}/organizations/${path}`,
      body,
    ),
  myProfiles: () => apiRequest<{ items: MyProfile[] }>('GET', `${REGISTRY_API}/me/organizations`),
  organization: (id: string) => apiRequest<Organization>('GET', org(id)),
  update: (id: string, body: Record<string, unknown>) => apiRequest<Organization>('PUT', org(id), body),
  saveLegalRepresentative: (id: string, body: Person) =>
    apiRequest<Organization>('PUT', `${org(id)}/legal-representative`, body),
  history: (id: string) => apiRequest<{ items: HistoryEntry[] }>('GET', `${org(id)}/history`),
  units: (id: string) => apiRequest<{ items: Unit[] }>('GET', `${org(id)}/units`),
  addUnit: (id: string, body: UnitInput) => apiRequest<Unit>('POST', `${org(id)}/units`, body),
  updateUnit: (id: string, unitId: string, body: UnitInput) =>
    apiRequest<Unit>('PUT', `${org(id)}/units/${q(unitId)}`, body),
  members: (id: string) => apiRequest<{ items: Member[] }>('GET', `${org(id)}/members`),
  importedMembers: (id: string, page: { cerca: string; pagina: number; elementi: number }) => {
    const query = new URLSearchParams({ pagina: String(page.pagina), elementi: String(page.elementi) });
    if (page.cerca) query.set('cerca', page.cerca);
    return apiRequest<ImportedPeoplePage>('GET', `${org(id)}/members/imported?${query.toString()}`);
  },
  addMember: (id: string, body: Person & MemberGrant) => apiRequest<Member>('POST', `${org(id)}/members`, body),
  updateMember: (id: string, memberId: string, body: MemberGrant) =>
    apiRequest<Member>('PUT', `${org(id)}/members/${q(memberId)}`, body),
  removeMember: (id: string, memberId: string) => apiRequest<unknown>('DELETE', `${org(id)}/members/${q(memberId)}`),
  revoke: (id: string) => apiRequest<{ message: string }>('DELETE', `${org(id)}/association`),

  /** Passo 1: the PDF to sign, generated for this citizen and this organisation. */
  async declaration(id: string, body: DeclarationRequest): Promise<DownloadedDeclaration> {
    const response = await send(`${org(id)}/association/declaration`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/pdf, application/json' },
      body: JSON.stringify(body),
    });
    const disposition = response.headers.get('content-disposition') ?? '';
    return {
      requestCode: response.headers.get('x-profila-request-code') ?? '',
      fileName: /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'dichiarazione-associazione.pdf',
      blob: await response.blob(),
    };
  },

  /** Passo 3: the signed file, with the request code and the declaration ticked. */
  async associate(id: string, requestCode: string, file: File): Promise<{ message: string }> {
    const form = new FormData();
    form.append('requestCode', requestCode);
    form.append('dichiarazione', 'true');
    form.append('file', file, file.name);
    const response = await send(`${org(id)}/association`, { method: 'POST', body: form });
    return (await response.json()) as { message: string };
  },

  documents: (id: string) =>
    apiRequest<{ items: StoredDocument[] }>(
      'GET',
      `${DOCUMENTS_API}/documents?entityType=organization&entityId=${q(id)}`,
    ),
  async uploadDocument(id: string, kind: string, file: File): Promise<StoredDocument> {
    const form = new FormData();
    form.append('kind', kind);
    form.append('entityType', 'organization');
    form.append('entityId', id);
    form.append('file', file, file.name);
    const response = await send(`${DOCUMENTS_API}/documents`, { method: 'POST', body: form });
    return (await response.json()) as StoredDocument;
  },
  downloadLink: (documentId: string) =>
    apiRequest<{ url: string }>('POST', `${DOCUMENTS_API}/documents/${q(documentId)}/download-link`),
};

/** fetch with the CSRF header; a failed answer becomes the same ApiError apiRequest throws. */
async function send(path: string, init: RequestInit): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...(init.headers as Record<string, string>) };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers[CSRF_HEADER] = csrf;
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Il servizio non è raggiungibile: controlla la connessione e riprova.');
  }
  if (response.ok) return response;
  const body = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    details?: { fields?: FieldErrors; problems?: Array<{ message: string }> };
  };
  throw new ApiError(
    response.status,
    body.code ?? `HTTP_${response.status}`,
    body.message ?? 'Operazione non riuscita: riprova.',
    body.details?.fields ?? {},
  );
}

/** The profiles pages read failures through the shared helpers. */
export { fieldsOf, messageOf } from '@profila/ui';

/** dd/mm/yyyy of an ISO date (or date-time). */
export function italianDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
