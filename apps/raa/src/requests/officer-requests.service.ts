import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import { OutboxService } from '@profila/messaging';
import { type Actor, CommonErrorCode, CommonException, validationFailed } from '@profila/platform';
import { DocumentStoreClient } from '../clients/document-store.client.js';
import { EmploymentRepository } from '../employment/employment.repository.js';
import { EmploymentSituations, LOOKUP_REASONS } from '../employment/employment-situations.js';
import { type OfficerContext, OfficerAccess } from '../officers/officer-access.js';
import { RequestPdf } from '../print/request-pdf.js';
import { RaaProfileRepository } from '../profiles/raa-profile.repository.js';
import { isViolation, nextState, type RaaState, romeDay } from './domain/raa-request.machine.js';
import type { AnswerDto, RefuseDto } from './dto/request-forms.dto.js';
import type {
  AnswerDraftResponse,
  DownloadLinkResponse,
  EmploymentLookupResponse,
  RaaRequestResponse,
  RaaRequestSummary,
} from './dto/request.response.js';
import { RaaException, RaaExceptionCode } from './raa.exception.js';
import type { RaaRequest } from './raa-request.entity.js';
import { RaaRequestRepository } from './raa-request.repository.js';
import { eventPayload, protocolloOf, toResponse, toSummary } from './request-view.js';
import { requestNotFound } from './requests.service.js';

export const QUEUE_STATES: RaaState[] = ['INVIATA', 'EVASA', 'RESPINTA'];

/**
 * The officers' side: the requests addressed to a Provincia their units serve (any other answers 404), opened with
 * their attachments, answered (EVASA: per worker the situation at the search date, prefilled from the employment
 * records, and the "Risposta provincia" note) or refused (RESPINTA, reason required).
 */
@Injectable()
export class OfficerRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RaaRequestRepository,
    private readonly access: OfficerAccess,
    private readonly situations: EmploymentSituations,
    private readonly employment: EmploymentRepository,
    private readonly profiles: RaaProfileRepository,
    private readonly documents: DocumentStoreClient,
    private readonly pdf: RequestPdf,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
  ) {}

  async queue(actor: Actor, state?: RaaState): Promise<{ province: string[]; items: RaaRequestSummary[] }> {
    const officer = await this.access.resolve(actor);
    const rows = await this.requests.queue(this.dataSource.manager, officer.province, state ? [state] : QUEUE_STATES);
    const counts = await this.requests.countWorkers(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return { province: officer.province, items: rows.map((r) => toSummary(r, counts.get(r.id) ?? 0)) };
  }

  async get(actor: Actor, id: string): Promise<RaaRequestResponse> {
    const officer = await this.access.resolve(actor);
    const request = await this.visible(this.dataSource.manager, officer, id);
    return this.detail(this.dataSource.manager, request);
  }

  /** The answer form prefilled from the employment records at the search date; every worker's read is logged. */
  async answerDraft(actor: Actor, id: string, dataRicerca?: string): Promise<AnswerDraftResponse> {
    const officer = await this.access.resolve(actor);
    const date = dataRicerca ?? romeDay(new Date());
    // No transaction: the port reads on its own connection, each read is logged as it happens.
    const tx = this.dataSource.manager;
    {
      const request = await this.visible(tx, officer, id);
      if (request.state !== 'INVIATA') throw notAnswerable();
      const workers = await this.requests.workersOf(tx, id);
      const lavoratori = [];
      for (const w of workers) {
        const s = await this.situations.situationAt(tx, w.codiceFiscale, date, {
          actor,
          requestId: id,
          reason: LOOKUP_REASONS.answerDraft,
        });
        const current = s.current[0];
        lavoratori.push({
          workerId: w.id,
          codiceFiscale: w.codiceFiscale,
          known: s.known,
          situazione: current ? 'LAVORA' : 'NESSUN_RAPPORTO',
          datoreCf: current?.employerCf ?? null,
          datoreRagioneSociale: current?.employerName ?? null,
          dataInizio: current?.startDate ?? null,
          tipologiaContrattuale: current?.contractType ?? null,
        });
      }
      return { dataRicerca: date, lavoratori };
    }
  }

  async answer(actor: Actor, id: string, dto: AnswerDto): Promise<RaaRequestResponse> {
    const officer = await this.access.resolve(actor);
    return this.dataSource.transaction(async (tx) => {
      const request = await this.lockVisible(tx, officer, id);
      const next = nextState(request.state, 'answer');
      if (isViolation(next)) throw notAnswerable();
      const workers = await this.requests.workersOf(tx, id);
      const errors: Record<string, string> = {};
      const byId = new Map(dto.lavoratori.map((l, i) => [l.workerId, { l, i }]));
      dto.lavoratori.forEach((l, i) => {
        if (!workers.some((w) => w.id === l.workerId)) errors[`lavoratori.${i}.workerId`] = 'Lavoratore non presente';
        if (l.situazione === 'LAVORA') {
          if (!l.datoreRagioneSociale) errors[`lavoratori.${i}.datoreRagioneSociale`] = 'Indicare il datore di lavoro';
          if (!l.dataInizio) errors[`lavoratori.${i}.dataInizio`] = 'Indicare la data di inizio del rapporto';
          else if (l.dataInizio > dto.dataRicerca) {
            errors[`lavoratori.${i}.dataInizio`] = 'La data di inizio non può seguire la data di ricerca';
          }
        }
      });
      if (workers.some((w) => !byId.has(w.id))) {
        errors.lavoratori = 'Indicare la situazione di ogni lavoratore della richiesta';
      }
      if (dto.dataRicerca > romeDay(new Date())) errors.dataRicerca = 'La data di ricerca non può essere futura';
      if (Object.keys(errors).length > 0) throw validationFailed(errors);
      for (const w of workers) {
        const { l } = byId.get(w.id)!;
        const works = l.situazione === 'LAVORA';
        w.situazione = l.situazione;
        w.datoreCf = works ? (l.datoreCf ?? null) : null;
        w.datoreRagioneSociale = works ? (l.datoreRagioneSociale ?? null) : null;
        w.dataInizio = works ? (l.dataInizio ?? null) : null;
        w.tipologiaContrattuale = works ? (l.tipologiaContrattuale ?? null) : null;
      }
      await this.requests.saveWorkers(tx, workers);
      const now = new Date();
      request.state = next;
      request.handledBy = officer.codiceFiscale;
      request.handledAt = now;
      request.dataRicerca = dto.dataRicerca;
      request.rispostaProvincia = dto.rispostaProvincia ?? null;
      request.updatedAt = now;
      await this.requests.save(tx, request);
      await this.audit.record(tx, {
        action: 'raa-request.answered',
        subject: { type: 'raa-request', id },
        data: {
          dataRicerca: dto.dataRicerca,
          workers: workers.map((w) => ({ codiceFiscale: w.codiceFiscale, situazione: w.situazione })),
        },
      });
      const profile = await this.profiles.find(tx, request.requesterCf);
      await this.outbox.add(
        tx,
        'raa-request.answered',
        id,
        eventPayload(request, profile?.email ?? null, workers.length),
      );
      return this.detail(tx, request);
    });
  }

  async refuse(actor: Actor, id: string, dto: RefuseDto): Promise<RaaRequestResponse> {
    const officer = await this.access.resolve(actor);
    return this.dataSource.transaction(async (tx) => {
      const request = await this.lockVisible(tx, officer, id);
      const next = nextState(request.state, 'refuse');
      if (isViolation(next)) throw notAnswerable();
      const now = new Date();
      request.state = next;
      request.handledBy = officer.codiceFiscale;
      request.handledAt = now;
      request.motivoRifiuto = dto.motivo;
      request.updatedAt = now;
      await this.requests.save(tx, request);
      await this.audit.record(tx, {
        action: 'raa-request.refused',
        subject: { type: 'raa-request', id },
        data: { motivo: dto.motivo },
      });
      const workers = await this.requests.workersOf(tx, id);
      const profile = await this.profiles.find(tx, request.requesterCf);
      await this.outbox.add(
        tx,
        'raa-request.refused',
        id,
        eventPayload(request, profile?.email ?? null, workers.length),
      );
      return this.detail(tx, request);
    });
  }

  async attachmentLink(actor: Actor, id: string, attachmentId: string): Promise<DownloadLinkResponse> {
    const officer = await this.access.resolve(actor);
    await this.visible(this.dataSource.manager, officer, id);
    const attachment = await this.requests.findAttachment(this.dataSource.manager, id, attachmentId);
    if (!attachment) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Allegato non presente nella richiesta');
    return this.documents.downloadLink(attachment.documentId);
  }

  async print(actor: Actor, id: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const officer = await this.access.resolve(actor);
    const request = await this.visible(this.dataSource.manager, officer, id);
    return this.pdf.render(await this.detail(this.dataSource.manager, request));
  }

  /** Who looked at a worker's employment situation (any officer may ask: the log is what they are accountable to). */
  async lookups(actor: Actor, workerCf: string): Promise<EmploymentLookupResponse[]> {
    await this.access.resolve(actor);
    const rows = await this.employment.lookupsOf(this.dataSource.manager, workerCf);
    const protocols = new Map<string, string | null>();
    for (const id of new Set(rows.map((r) => r.requestId).filter((v): v is string => v !== null))) {
      const request = await this.requests.findById(this.dataSource.manager, id);
      protocols.set(id, request ? protocolloOf(request) : null);
    }
    return rows.map((r) => ({
      workerCf: r.workerCf,
      actorKind: r.actorKind,
      actorId: r.actorId,
      requestId: r.requestId,
      protocollo: r.requestId ? (protocols.get(r.requestId) ?? null) : null,
      reason: r.reason,
      searchDate: r.searchDate,
      lookedAt: r.lookedAt.toISOString(),
    }));
  }

  // -------------------------------------------------------------------------------------------------------------

  private async visible(manager: EntityManager, officer: OfficerContext, id: string): Promise<RaaRequest> {
    const request = await this.requests.findById(manager, id);
    if (!request || !covers(officer, request)) throw requestNotFound();
    return request;
  }

  private async lockVisible(tx: EntityManager, officer: OfficerContext, id: string): Promise<RaaRequest> {
    const request = await this.requests.lockById(tx, id);
    if (!request || !covers(officer, request)) throw requestNotFound();
    return request;
  }

  private async detail(manager: EntityManager, request: RaaRequest): Promise<RaaRequestResponse> {
    const workers = await this.requests.workersOf(manager, request.id);
    const attachments = await this.requests.attachmentsOf(manager, request.id);
    return toResponse(request, workers, attachments);
  }
}

/** Drafts and cancelled requests are the requester's alone; sent ones belong to the officers of their Provincia. */
function covers(officer: OfficerContext, request: RaaRequest): boolean {
  return QUEUE_STATES.includes(request.state) && officer.province.includes(request.provincia);
}

function notAnswerable(): RaaException {
  return new RaaException(
    RaaExceptionCode.TRANSITION_NOT_ALLOWED,
    'La richiesta è già stata evasa o respinta: non è possibile modificarla.',
  );
}
