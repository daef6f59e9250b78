// The back office's calls to raa through the gateway (`/api/raa/officer/...`): the requests of the officer's
// Provincia; anything else answers 404, a citizen who is not an officer 403, with the service's Italian message.
import { apiRequest } from '@profila/ui';

const BASE = '/api/raa/officer';
const id = (v: string) => encodeURIComponent(v);

export interface RaaSummary {
  id: string;
  protocollo: string | null;
  dataRichiesta: string;
  dataProtocollo: string | null;
  state: string;
  stateLabel: string;
  provincia: string;
  requester: { codiceFiscale: string; nome: string; cognome: string };
  workerCount: number;
}

export interface RaaWorker {
  id: string;
  codiceFiscale: string;
  descrizione: string | null;
  known: boolean;
  avviso: string | null;
  situazione: string | null;
  situazioneLabel: string | null;
  datoreCf: string | null;
  datoreRagioneSociale: string | null;
  dataInizio: string | null;
}

export interface RaaRequest {
  id: string;
  state: string;
  stateLabel: string;
  intestazione: string;
  provincia: string;
  requester: { codiceFiscale: string; nome: string; cognome: string };
  ragioneSocialeRichiedente: string | null;
  tipologiaRichiesta: string | null;
  ragioneSocialeMandante: string | null;
  codiceFiscaleMandante: string | null;
  motivazione: string;
  dataRichiesta: string;
  protocollo: string | null;
  dataProtocollo: string | null;
  workers: RaaWorker[];
  attachments: Array<{ id: string; nome: string; descrizione: string | null; size: number }>;
  answer: { dataRicerca: string; rispostaProvincia: string | null; at: string } | null;
  refusal: { motivo: string; at: string } | null;
}

export interface AnswerLine {
  workerId: string;
  codiceFiscale: string;
  known: boolean;
  situazione: string;
  datoreCf: string | null;
  datoreRagioneSociale: string | null;
  dataInizio: string | null;
  tipologiaContrattuale: string | null;
}

export interface Lookup {
  actorId: string;
  actorKind: string;
  requestId: string | null;
  protocollo: string | null;
  reason: string;
  searchDate: string;
  lookedAt: string;
}

export const officerRaaApi = {
  queue: (stato: string) =>
    apiRequest<{ province: string[]; items: RaaSummary[] }>(
      'GET',
      `${BASE}/requests${stato ? `?stato=${encodeURIComponent(stato)}` : ''}`,
    ),
  get: (requestId: string) => apiRequest<RaaRequest>('GET', `${BASE}/requests/${id(requestId)}`),
  answerDraft: (requestId: string, dataRicerca: string) =>
    apiRequest<{ dataRicerca: string; lavoratori: AnswerLine[] }>(
      'GET',
      `${BASE}/requests/${id(requestId)}/answer-draft?dataRicerca=${encodeURIComponent(dataRicerca)}`,
    ),
  answer: (requestId: string, body: unknown) =>
    apiRequest<RaaRequest>('POST', `${BASE}/requests/${id(requestId)}/answer`, body),
  refuse: (requestId: string, motivo: string) =>
    apiRequest<RaaRequest>('POST', `${BASE}/requests/${id(requestId)}/refuse`, { motivo }),
  attachmentLink: (requestId: string, attachmentId: string) =>
    apiRequest<{ url: string }>(
      'POST',
      `${BASE}/requests/${id(requestId)}/attachments/${id(attachmentId)}/download-link`,
    ),
  lookups: (cf: string) => apiRequest<{ items: Lookup[] }>('GET', `${BASE}/workers/${id(cf)}/lookups`),
  pdfUrl: (requestId: string) => `${BASE}/requests/${id(requestId)}/pdf`,
};

export function italianDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

export function romeToday(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
}
