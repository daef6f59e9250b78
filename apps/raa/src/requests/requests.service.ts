import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import { OutboxService } from '@profila/messaging';
import { type Actor, CommonErrorCode, CommonException, validationFailed } from '@profila/platform';
import { DocumentStoreClient } from '../clients/document-store.client.js';
import type { RaaEnv } from '../config/raa.env.js';
import { RAA_ENV } from '../config/raa.tokens.js';
import { EmploymentSituations, LOOKUP_REASONS } from '../employment/employment-situations.js';
import { OfficerAccess } from '../officers/officer-access.js';
import { RequestPdf } from '../print/request-pdf.js';
import type { RaaProfile } from '../profiles/raa-profile.entity.js';
import { RaaProfilesService } from '../profiles/raa-profiles.service.js';
import { isViolation, nextState, type RaaCommand, romeDay, TIPOLOGIE_RICHIESTA } from './domain/raa-request.machine.js';
import type { AddAttachmentDto, AddWorkerDto, RaaRequestFormDto } from './dto/request-forms.dto.js';
import type {
  DownloadLinkResponse,
  RaaProfileResponse,
  RaaRequestResponse,
  RaaRequestSummary,
} from './dto/request.response.js';
import { RaaException, RaaExceptionCode } from './raa.exception.js';
import type { RaaRequest } from './raa-request.entity.js';
import { RaaRequestRepository } from './raa-request.repository.js';
import { eventPayload, toResponse, toSummary } from './request-view.js';

const MB = 1024 * 1024;

export function requestNotFound(): CommonException {
  return new CommonException(CommonErrorCode.NOT_FOUND, 'Richiesta non trovata');
}

export function notEditable(): RaaException {
  return new RaaException(
    RaaExceptionCode.REQUEST_NOT_EDITABLE,
    'La richiesta è già stata inviata (o annullata) e non è più modificabile.',
  );
}

/**
 * The requester's side: a draft (BOZZA) is saved, its workers and attachments added and removed, then cancelled
 * (ANNULLATA) or sent ("Invia e protocolla": INVIATA, with the year's next protocol number). Every call needs an
 * enabled RAA profile; a request of someone else answers 404; a sent request refuses every change (409).
 */
@Injectable()
export class RequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RaaRequestRepository,
    private readonly profiles: RaaProfilesService,
    private readonly situations: EmploymentSituations,
    private readonly officers: OfficerAccess,
    private readonly documents: DocumentStoreClient,
    private readonly pdf: RequestPdf,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
    @Inject(RAA_ENV) private readonly env: RaaEnv,
  ) {}

  async profile(actor: Actor): Promise<RaaProfileResponse> {
    const profile = await this.profiles.find(this.dataSource.manager, actor);
    return {
      enabled: profile !== null,
      nome: profile?.nome ?? null,
      cognome: profile?.cognome ?? null,
      provincia: profile?.provincia ?? null,
      tipologie: [...TIPOLOGIE_RICHIESTA],
      maxAttachmentBytes: this.env.MAX_ATTACHMENT_MB * MB,
    };
  }

  async list(actor: Actor): Promise<RaaRequestSummary[]> {
    const profile = await this.profiles.require(this.dataSource.manager, actor);
    const rows = await this.requests.ofRequester(this.dataSource.manager, profile.codiceFiscale);
    const counts = await this.requests.countWorkers(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toSummary(r, counts.get(r.id) ?? 0));
  }

  async get(actor: Actor, id: string): Promise<RaaRequestResponse> {
    const profile = await this.profiles.require(this.dataSource.manager, actor);
    const request = await this.mine(this.dataSource.manager, profile, id);
    return this.detail(this.dataSource.manager, request);
  }

  async create(actor: Actor, dto: RaaRequestFormDto): Promise<RaaRequestResponse> {
    const profile = await this.profiles.require(this.dataSource.manager, actor);
    const now = new Date();
    const request: RaaRequest = {
      id: randomUUID(),
      state: 'BOZZA',
      requesterCf: profile.codiceFiscale,
      requesterNome: profile.nome,
      requesterCognome: profile.cognome,
      ...fields(dto),
      dataRichiesta: romeDay(now),
      protocolYear: null,
      protocolNumber: null,
      dataProtocollo: null,
      submittedAt: null,
      handledBy: null,
      handledAt: null,
      dataRicerca: null,
      rispostaProvincia: null,
      motivoRifiuto: null,
      createdAt: now,
      updatedAt: now,
    };
    return this.dataSource.transaction(async (tx) => {
      await this.requests.insert(tx, request);
      await this.record(tx, request, 'drafted', { provincia: request.provincia });
      return this.detail(tx, request);
    });
  }

  /** "Salva in bozza". */
  update(actor: Actor, id: string, dto: RaaRequestFormDto): Promise<RaaRequestResponse> {
    return this.change(actor, id, 'edit', async (tx, request) => {
      Object.assign(request, fields(dto));
      await this.record(tx, request, 'updated', { provincia: request.provincia });
    });
  }

  /** A worker's codice fiscale, looked up in the employment records (the read is logged): unknown ones stay, flagged. */
  async addWorker(actor: Actor, id: string, dto: AddWorkerDto): Promise<RaaRequestResponse> {
    const profile = await this.profiles.require(this.dataSource.manager, actor);
    const found = await this.mine(this.dataSource.manager, profile, id);
    if (found.state !== 'BOZZA') throw notEditable();
    await this.assertWorkerFits(this.dataSource.manager, id, dto.codiceFiscale);
    // The look-up goes through the port (its own connection) before the transaction, and is logged at once: a read
    // is a read, even if the worker is not added in the end.
    const situation = await this.situations.situationAt(
      this.dataSource.manager,
      dto.codiceFiscale,
      romeDay(new Date()),
      {
        actor,
        requestId: id,
        reason: LOOKUP_REASONS.workerAdded,
      },
    );
    return this.change(actor, id, 'edit', async (tx, request) => {
      await this.assertWorkerFits(tx, id, dto.codiceFiscale);
      await this.requests.insertWorker(tx, {
        id: randomUUID(),
        requestId: id,
        codiceFiscale: dto.codiceFiscale,
        descrizione: dto.descrizione ?? null,
        known: situation.known,
        situazione: null,
        datoreCf: null,
        datoreRagioneSociale: null,
        dataInizio: null,
        tipologiaContrattuale: null,
        addedAt: new Date(),
      });
      await this.record(tx, request, 'worker-added', { codiceFiscale: dto.codiceFiscale, known: situation.known });
    });
  }

  private async assertWorkerFits(manager: EntityManager, id: string, codiceFiscale: string): Promise<void> {
    if (await this.requests.findWorkerByCf(manager, id, codiceFiscale)) {
      throw new RaaException(
        RaaExceptionCode.WORKER_ALREADY_LISTED,
        'Il codice fiscale del lavoratore è già presente nella richiesta.',
      );
    }
    if ((await this.requests.workersOf(manager, id)).length >= this.env.MAX_WORKERS) {
      throw validationFailed({ codiceFiscale: `Al massimo ${this.env.MAX_WORKERS} lavoratori per richiesta` });
    }
  }

  removeWorker(actor: Actor, id: string, workerId: string): Promise<RaaRequestResponse> {
    return this.change(actor, id, 'edit', async (tx, request) => {
      const worker = await this.requests.findWorker(tx, id, workerId);
      if (!worker) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Lavoratore non presente nella richiesta');
      await this.requests.deleteWorker(tx, worker);
      await this.record(tx, request, 'worker-removed', { codiceFiscale: worker.codiceFiscale });
    });
  }

  /** A document uploaded to document-store for this request (kind raa-attachment) becomes an attachment. */
  async addAttachment(actor: Actor, id: string, dto: AddAttachmentDto): Promise<RaaRequestResponse> {
    const profile = await this.profiles.require(this.dataSource.manager, actor);
    const request = await this.mine(this.dataSource.manager, profile, id);
    if (request.state !== 'BOZZA') throw notEditable();
    const document = await this.documents.get(dto.documentId);
    if (
      !document ||
      document.entityType !== 'raa-request' ||
      document.entityId !== id ||
      document.kind !== 'raa-attachment' ||
      document.uploadedBy !== profile.codiceFiscale
    ) {
      throw validationFailed({ documentId: 'Documento non trovato tra quelli caricati per questa richiesta' });
    }
    const max = this.env.MAX_ATTACHMENT_MB * MB;
    if (document.size > max) {
      throw validationFailed({
        documentId: `L'allegato supera la dimensione massima consentita (${this.env.MAX_ATTACHMENT_MB} MB)`,
      });
    }
    return this.change(actor, id, 'edit', async (tx, locked) => {
      if (await this.requests.findAttachmentByDocument(tx, document.id)) {
        throw new RaaException(RaaExceptionCode.ATTACHMENT_ALREADY_LISTED, 'Il documento è già allegato.');
      }
      await this.requests.insertAttachment(tx, {
        id: randomUUID(),
        requestId: id,
        documentId: document.id,
        nome: document.fileName,
        descrizione: dto.descrizione ?? null,
        size: document.size,
        contentType: document.contentType,
        addedAt: new Date(),
      });
      await this.record(tx, locked, 'attachment-added', { documentId: document.id, size: document.size });
    });
  }

  removeAttachment(actor: Actor, id: string, attachmentId: string): Promise<RaaRequestResponse> {
    return this.change(actor, id, 'edit', async (tx, request) => {
      const attachment = await this.requests.findAttachment(tx, id, attachmentId);
      if (!attachment) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Allegato non presente nella richiesta');
      await this.requests.deleteAttachment(tx, attachment);
      await this.record(tx, request, 'attachment-removed', { documentId: attachment.documentId });
    });
  }

  /** "Annulla" on a saved draft: ANNULLATA (it leaves the list). */
  cancel(actor: Actor, id: string): Promise<RaaRequestResponse> {
    return this.change(actor, id, 'cancel', async (tx, request) => {
      await this.record(tx, request, 'cancelled');
    });
  }

  /**
   * "Invia e protocolla": INVIATA, immutable, with the year's next protocol number and today's date; the officers of
   * the Provincia are named in the event (notification mails them).
   */
  async submit(actor: Actor, id: string): Promise<RaaRequestResponse> {
    const profile = await this.profiles.require(this.dataSource.manager, actor);
    const found = await this.mine(this.dataSource.manager, profile, id);
    if (found.state !== 'BOZZA') throw notEditable();
    const officers = await this.officers.officersOf(found.provincia);
    return this.change(actor, id, 'submit', async (tx, request) => {
      const workers = await this.requests.workersOf(tx, id);
      if (workers.length === 0) {
        throw validationFailed({ lavoratori: 'Inserire almeno un codice fiscale di lavoratore' });
      }
      const now = new Date();
      const today = romeDay(now);
      const year = Number(today.slice(0, 4));
      request.protocolYear = year;
      request.protocolNumber = await this.requests.nextProtocolNumber(tx, year);
      request.dataProtocollo = today;
      request.submittedAt = now;
      await this.record(tx, request, 'submitted', {
        protocolYear: year,
        protocolNumber: request.protocolNumber,
        workers: workers.length,
      });
      await this.outbox.add(
        tx,
        'raa-request.submitted',
        request.id,
        eventPayload(request, profile.email, workers.length, officers),
      );
    });
  }

  /** "Stampa": the request and its answer as a PDF. */
  async print(actor: Actor, id: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const profile = await this.profiles.require(this.dataSource.manager, actor);
    const request = await this.mine(this.dataSource.manager, profile, id);
    return this.pdf.render(await this.detail(this.dataSource.manager, request));
  }

  async attachmentLink(actor: Actor, id: string, attachmentId: string): Promise<DownloadLinkResponse> {
    const profile = await this.profiles.require(this.dataSource.manager, actor);
    await this.mine(this.dataSource.manager, profile, id);
    const attachment = await this.requests.findAttachment(this.dataSource.manager, id, attachmentId);
    if (!attachment) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Allegato non presente nella richiesta');
    return this.documents.downloadLink(attachment.documentId);
  }

  /** document-store's question: may this person attach a document to the request? Only its requester, in BOZZA. */
  async documentLink(
    id: string,
    actorKind: string,
    actorId: string,
  ): Promise<{ allowed: boolean; ownerId?: string; territory?: string | null }> {
    const request = await this.requests.findById(this.dataSource.manager, id);
    if (!request || actorKind !== 'citizen' || request.requesterCf !== actorId || request.state !== 'BOZZA') {
      return { allowed: false };
    }
    return { allowed: true, ownerId: request.requesterCf, territory: request.provincia };
  }

  // -------------------------------------------------------------------------------------------------------------

  private async change(
    actor: Actor,
    id: string,
    command: RaaCommand,
    fn: (tx: EntityManager, request: RaaRequest) => Promise<void>,
  ): Promise<RaaRequestResponse> {
    return this.dataSource.transaction(async (tx) => {
      const profile = await this.profiles.require(tx, actor);
      const request = await this.requests.lockById(tx, id);
      if (!request || request.requesterCf !== profile.codiceFiscale) throw requestNotFound();
      const next = nextState(request.state, command);
      if (isViolation(next)) throw notEditable();
      request.state = next;
      request.updatedAt = new Date();
      await fn(tx, request);
      await this.requests.save(tx, request);
      return this.detail(tx, request);
    });
  }

  private async mine(manager: EntityManager, profile: RaaProfile, id: string): Promise<RaaRequest> {
    const request = await this.requests.findById(manager, id);
    if (!request || request.requesterCf !== profile.codiceFiscale || request.state === 'ANNULLATA') {
      throw requestNotFound();
    }
    return request;
  }

  private async detail(manager: EntityManager, request: RaaRequest): Promise<RaaRequestResponse> {
    const workers = await this.requests.workersOf(manager, request.id);
    const attachments = await this.requests.attachmentsOf(manager, request.id);
    return toResponse(request, workers, attachments);
  }

  private async record(
    tx: EntityManager,
    request: RaaRequest,
    verb: string,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.record(tx, {
      action: `raa-request.${verb}`,
      subject: { type: 'raa-request', id: request.id },
      data,
    });
  }
}

function fields(dto: RaaRequestFormDto) {
  return {
    provincia: dto.provincia,
    ragioneSocialeRichiedente: dto.ragioneSocialeRichiedente ?? null,
    tipologiaRichiesta: dto.tipologiaRichiesta ?? null,
    ragioneSocialeMandante: dto.ragioneSocialeMandante ?? null,
    codiceFiscaleMandante: dto.codiceFiscaleMandante ?? null,
    motivazione: dto.motivazione,
  };
}
