import type { RaaRequestV1 } from '@profila/contracts';
import { frame, type RenderedMail } from '../mails/templates/mail-template.js';

export const RAA_TEMPLATES = {
  submitted: 'raa-request-submitted',
  answered: 'raa-request-answered',
  refused: 'raa-request-refused',
} as const;

function requester(r: RaaRequestV1): string {
  return `${r.requester.nome} ${r.requester.cognome}`.toUpperCase();
}

function italianDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** To the officers of the Provincia: a new request has arrived (the manual: "avvisarlo di una nuova richiesta"). */
export function renderSubmitted(r: RaaRequestV1, portalUrl: string): RenderedMail {
  return frame(
    `Nuova richiesta di accesso agli atti – protocollo ${r.protocollo}`,
    [
      'Gentile funzionario,',
      `è arrivata una nuova richiesta di accesso agli atti da parte di ${requester(r)} (codice fiscale ${r.requester.codiceFiscale}), protocollo numero ${r.protocollo} del ${italianDate(r.dataProtocollo)}, per ${r.workerCount} ${r.workerCount === 1 ? 'lavoratore' : 'lavoratori'} (Provincia ${r.provincia}).`,
      'Accedi al back office, sezione "Richieste di accesso agli atti", per evaderla.',
    ],
    `${portalUrl.replace(/\/$/, '')}/backoffice/`,
  );
}

/** To the requester: the manual's wording ("è possibile visualizzare la situazione lavorativa ..."). */
export function renderAnswered(r: RaaRequestV1, portalUrl: string): RenderedMail {
  return frame(
    `Richiesta di accesso agli atti evasa – protocollo ${r.protocollo}`,
    [
      `Gentile ${requester(r)},`,
      `è possibile visualizzare la situazione lavorativa dei lavoratori inseriti nella richiesta di accesso agli atti con protocollo numero ${r.protocollo}.`,
      'Accedi nuovamente all\'applicativo e dall\'elenco delle richieste clicca su "Dettaglio" della richiesta con quel numero di protocollo.',
    ],
    portalUrl,
  );
}

export function renderRefused(r: RaaRequestV1, portalUrl: string): RenderedMail {
  return frame(
    `Richiesta di accesso agli atti respinta – protocollo ${r.protocollo}`,
    [
      `Gentile ${requester(r)},`,
      `la richiesta di accesso agli atti con protocollo numero ${r.protocollo} è stata respinta.`,
      `Motivazione: ${r.reason ?? '-'}`,
      'Il dettaglio della richiesta è consultabile nell\'elenco "Richieste di accesso agli atti".',
    ],
    portalUrl,
  );
}
