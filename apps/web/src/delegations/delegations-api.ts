// The delegation service's citizen API (gateway prefix /api/delegation): "Gestione deleghe".
import { apiRequest, type PageState } from '@profila/ui';

const API = '/api/delegation';

export interface Person {
  codiceFiscale: string;
  nome: string;
  cognome: string;
}

export interface Azienda {
  organizationId: string;
  codiceFiscale: string | null;
  denominazione: string;
}

export type StatoDelega = 'IN_ATTESA' | 'ACCETTATA' | 'RIFIUTATA' | 'REVOCATA' | 'SCADUTA';
export type TipoDelega = 'INSERIMENTO' | 'MODIFICA' | 'REVOCA';
export type StatoRichiesta = 'ATTESA_APPROVAZIONE' | 'COMPLETATA' | 'RIFIUTATA' | 'REVOCATA' | 'SCADUTA';

export interface Delega {
  id: string;
  delegante: Person;
  delegato: Person;
  azienda: Azienda;
  tipoSoggettoAbilitato: string | null;
  stato: StatoDelega;
  dataInizio: string;
  dataScadenza: string;
  modificaInAttesa: { idRichiesta: number; dataInizio: string; dataScadenza: string } | null;
}

export interface Richiesta {
  idRichiesta: number;
  delegationId: string;
  delegante: Person;
  delegato: Person;
  azienda: Azienda;
  tipoSoggettoAbilitato: string | null;
  tipoDelega: TipoDelega;
  dataInizio: string | null;
  dataScadenza: string | null;
  stato: StatoRichiesta;
  motivo: string | null;
}

export interface Page<T> {
  items: T[];
  totale: number;
  pagina: number;
  elementi: number;
}

export interface Profilo {
  organizationId: string;
  denominazione: string;
  codiceFiscale: string;
  tipiSoggettoAbilitato: string[];
}

export interface Destinatario {
  codiceFiscale: string;
  nome: string;
  cognome: string;
}

export interface NuovaDelega {
  codiceFiscaleDelegato: string;
  organizationId: string;
  dataInizio: string;
  dataScadenza: string;
  tipoSoggettoAbilitato?: string;
}

function query(page: PageState): string {
  const q = new URLSearchParams({ pagina: String(page.pagina), elementi: String(page.elementi) });
  if (page.cerca) q.set('cerca', page.cerca);
  return q.toString();
}

export const delegationsApi = {
  profiles: () => apiRequest<{ profili: Profilo[] }>('GET', `${API}/delegations/profiles`),
  searchRecipients: (codiceFiscale: string) =>
    apiRequest<{ citizens: Destinatario[] }>(
      'GET',
      `${API}/known-citizens?codiceFiscale=${encodeURIComponent(codiceFiscale)}`,
    ),
  create: (body: NuovaDelega) => apiRequest<{ messaggio: string; delega: Delega }>('POST', `${API}/delegations`, body),
  delegates: (page: PageState) => apiRequest<Page<Delega>>('GET', `${API}/delegations/delegates?${query(page)}`),
  delegate: (cf: string, page: PageState) =>
    apiRequest<Page<Delega>>('GET', `${API}/delegations/delegates/${encodeURIComponent(cf)}?${query(page)}`),
  received: (page: PageState) => apiRequest<Page<Delega>>('GET', `${API}/delegations/received?${query(page)}`),
  pending: (page: PageState) =>
    apiRequest<Page<Richiesta>>('GET', `${API}/delegations/received/pending?${query(page)}`),
  sent: (page: PageState) => apiRequest<Page<Richiesta>>('GET', `${API}/delegations/sent?${query(page)}`),
  accept: (id: string) => apiRequest<Delega>('POST', `${API}/delegations/${id}/accept`),
  refuse: (id: string, motivo: string) => apiRequest<Delega>('POST', `${API}/delegations/${id}/refuse`, { motivo }),
  modify: (id: string, dataInizio: string, dataScadenza: string) =>
    apiRequest<Delega>('POST', `${API}/delegations/${id}/modify`, { dataInizio, dataScadenza }),
  revoke: (id: string) => apiRequest<Delega>('POST', `${API}/delegations/${id}/revoke`),
};

/** dd-mm-yyyy, as the manual shows dates. */
export function italianDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

export function todayInRome(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
}

export const fullName = (p: Person) => `${p.nome} ${p.cognome}`.trim() || p.codiceFiscale;
export const aziendaLabel = (a: Azienda) =>
  a.codiceFiscale ? `${a.denominazione} (${a.codiceFiscale})` : a.denominazione;

export const STATO_DELEGA: Record<StatoDelega, string> = {
  IN_ATTESA: 'Attesa approvazione',
  ACCETTATA: 'Completata',
  RIFIUTATA: 'Rifiutata',
  REVOCATA: 'Revocata',
  SCADUTA: 'Scaduta',
};

export const STATO_RICHIESTA: Record<StatoRichiesta, string> = {
  ATTESA_APPROVAZIONE: 'Attesa approvazione',
  COMPLETATA: 'Completata',
  RIFIUTATA: 'Rifiutata',
  REVOCATA: 'Revocata',
  SCADUTA: 'Scaduta',
};

export const TIPO_DELEGA: Record<TipoDelega, string> = {
  INSERIMENTO: 'Inserimento',
  MODIFICA: 'Modifica',
  REVOCA: 'Revoca',
};
