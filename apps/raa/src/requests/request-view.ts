import type { RaaRequestV1 } from '@profila/contracts';
import { protocolLabel, SITUAZIONE_LABELS, STATE_LABELS, UNKNOWN_WORKER } from './domain/raa-request.machine.js';
import type { RaaRequestResponse, RaaRequestSummary } from './dto/request.response.js';
import type { RaaAttachment } from './raa-attachment.entity.js';
import type { RaaRequest } from './raa-request.entity.js';
import type { RaaWorker } from './raa-worker.entity.js';

export function protocolloOf(r: RaaRequest): string | null {
  return r.protocolYear !== null && r.protocolNumber !== null ? protocolLabel(r.protocolYear, r.protocolNumber) : null;
}

export function intestazione(r: RaaRequest): string {
  return `Richiesta di accesso agli atti da parte di ${`${r.requesterNome} ${r.requesterCognome}`.toUpperCase()}`;
}

export function toSummary(r: RaaRequest, workerCount: number): RaaRequestSummary {
  return {
    id: r.id,
    protocollo: protocolloOf(r),
    dataRichiesta: r.dataRichiesta,
    dataProtocollo: r.dataProtocollo,
    state: r.state,
    stateLabel: STATE_LABELS[r.state],
    provincia: r.provincia,
    requester: { codiceFiscale: r.requesterCf, nome: r.requesterNome, cognome: r.requesterCognome },
    workerCount,
  };
}

export function toResponse(r: RaaRequest, workers: RaaWorker[], attachments: RaaAttachment[]): RaaRequestResponse {
  const stato = STATE_LABELS[r.state];
  const answered = r.state === 'EVASA';
  return {
    id: r.id,
    state: r.state,
    stateLabel: stato,
    intestazione: intestazione(r),
    requester: { codiceFiscale: r.requesterCf, nome: r.requesterNome, cognome: r.requesterCognome },
    provincia: r.provincia,
    ragioneSocialeRichiedente: r.ragioneSocialeRichiedente,
    tipologiaRichiesta: r.tipologiaRichiesta,
    ragioneSocialeMandante: r.ragioneSocialeMandante,
    codiceFiscaleMandante: r.codiceFiscaleMandante,
    motivazione: r.motivazione,
    dataRichiesta: r.dataRichiesta,
    protocollo: protocolloOf(r),
    dataProtocollo: r.dataProtocollo,
    editable: r.state === 'BOZZA',
    workers: workers.map((w) => ({
      id: w.id,
      codiceFiscale: w.codiceFiscale,
      descrizione: w.descrizione,
      stato,
      known: w.known,
      avviso: w.known ? null : UNKNOWN_WORKER,
      situazione: answered ? w.situazione : null,
      situazioneLabel: answered && w.situazione ? SITUAZIONE_LABELS[w.situazione] : null,
      datoreCf: answered ? w.datoreCf : null,
      datoreRagioneSociale: answered ? w.datoreRagioneSociale : null,
      dataInizio: answered ? w.dataInizio : null,
      tipologiaContrattuale: answered ? w.tipologiaContrattuale : null,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      documentId: a.documentId,
      nome: a.nome,
      descrizione: a.descrizione,
      stato,
      size: a.size,
      contentType: a.contentType,
    })),
    answer:
      answered && r.dataRicerca && r.handledAt
        ? { dataRicerca: r.dataRicerca, rispostaProvincia: r.rispostaProvincia, at: r.handledAt.toISOString() }
        : null,
    refusal:
      r.state === 'RESPINTA' && r.motivoRifiuto && r.handledAt
        ? { motivo: r.motivoRifiuto, at: r.handledAt.toISOString() }
        : null,
  };
}

export function eventPayload(
  r: RaaRequest,
  email: string | null,
  workerCount: number,
  officers: string[] = [],
): RaaRequestV1 {
  return {
    requestId: r.id,
    state: r.state as RaaRequestV1['state'],
    requester: { codiceFiscale: r.requesterCf, nome: r.requesterNome, cognome: r.requesterCognome, email },
    provincia: r.provincia,
    protocollo: protocolloOf(r)!,
    dataProtocollo: r.dataProtocollo!,
    workerCount,
    officers,
    reason: r.state === 'RESPINTA' ? r.motivoRifiuto : null,
  };
}
