import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, validationFailed } from '@profila/platform';
import { DocumentStoreClient } from '../clients/document-store.client.js';
import { RegistryClient } from '../clients/registry.client.js';
import type { AdminVerificationEnv } from '../config/admin-verification.env.js';
import { ADMIN_VERIFICATION_ENV } from '../config/admin-verification.tokens.js';
import { OperatorAccess, type OperatorContext, requestNotFound } from '../operators/operator-access.js';
import { addDays, OPEN_STATES, romeDay, type VerificationState } from './domain/verification-request.machine.js';
import type { PublicAdministrationDto } from './dto/request-forms.dto.js';
import type {
  DocumentSignatureResponse,
  DownloadLinkResponse,
  VerificationRequestResponse,
} from './dto/request.response.js';
import type { QueueQuery } from './dto/queue.query.js';
import { RequestRecorder } from './request-recorder.js';
import { documentSlots, toResponse, toStep } from './request-view.js';
import { ONE_PA_MESSAGE, RequestsService } from './requests.service.js';
import type { VerificationRequest } from './verification-request.entity.js';
import { VerificationRequestRepository } from './verification-request.repository.js';
import { VerificationException, VerificationExceptionCode } from './verification.exception.js';

/**
 * The operators' side: the queue of their territory, a request's detail with documents and history, and the
 * decisions. A request outside the operator's territory is answered 404, as if it did not exist.
 */
@Injectable()
export class OperatorRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: VerificationRequestRepository,
    private readonly recorder: RequestRecorder,
    private readonly access: OperatorAccess,
    private readonly registry: RegistryClient,
    private readonly documents: DocumentStoreClient,
    private readonly applicantSide: RequestsService,
    @Inject(ADMIN_VERIFICATION_ENV) private readonly env: AdminVerificationEnv,
  ) {}

  async queue(actor: Actor, query: QueueQuery): Promise<VerificationRequestResponse[]> {
    const operator = await this.access.resolve(actor);
    const states: VerificationState[] = query.state ? [query.state] : [...OPEN_STATES];
    const now = new Date();
    const days =
      query.late === 'true' ? Math.max(query.olderThanDays ?? 0, this.env.LATE_AFTER_DAYS) : query.olderThanDays;
    const rows = await this.requests.queue(this.dataSource.manager, operator.scope, {
      kind: query.kind,
      states,
      provincia: query.provincia,
      olderThan: days !== undefined ? new Date(now.getTime() - days * 86_400_000) : undefined,
      limit: 500,
    });
    return rows
      .map((r) => toResponse(r, this.env.LATE_AFTER_DAYS, {}, now))
      .filter((r) => query.late !== 'true' || r.late);
  }

  async detail(actor: Actor, id: string): Promise<VerificationRequestResponse> {
    const operator = await this.access.resolve(actor);
    const request = await this.inTerritory(this.dataSource.manager, operator, id);
    return this.view(this.dataSource.manager, request);
  }

  async take(actor: Actor, id: string): Promise<VerificationRequestResponse> {
    return this.decide(
      actor,
      id,
      (operator) => ({ type: 'take', by: operator.codiceFiscale }),
      'verification-request.taken',
    );
  }

  async approve(actor: Actor, id: string): Promise<VerificationRequestResponse> {
    const operator = await this.access.resolve(actor);
    const found = await this.inTerritory(this.dataSource.manager, operator, id);
    if (found.kind === 'responsabile-unico') await this.assertResponsabileFree(found);
    return this.decide(
      actor,
      id,
      (o) => ({ type: 'approve', by: o.codiceFiscale }),
      'verification-request.approved',
      operator,
    );
  }

  async reject(actor: Actor, id: string, reason: string): Promise<VerificationRequestResponse> {
    return this.decide(
      actor,
      id,
      (o) => ({ type: 'reject', by: o.codiceFiscale, reason }),
      'verification-request.rejected',
    );
  }

  async requestIntegration(actor: Actor, id: string, missing: string): Promise<VerificationRequestResponse> {
    const dueDate = addDays(new Date(), this.env.INTEGRATION_DAYS);
    return this.decide(
      actor,
      id,
      (o) => ({ type: 'request-integration', by: o.codiceFiscale, missing, dueDate }),
      'verification-request.integration-requested',
    );
  }

  /** A short-lived link to one of the request's documents, for the inline preview. */
  async documentLink(actor: Actor, id: string, documentId: string): Promise<DownloadLinkResponse> {
    await this.assertRequestDocument(actor, id, documentId);
    return this.documents.downloadLink(documentId);
  }

  /** The signature verdict of one of the request's documents (document-store checks the stored bytes). */
  async documentSignature(actor: Actor, id: string, documentId: string): Promise<DocumentSignatureResponse> {
    await this.assertRequestDocument(actor, id, documentId);
    const verdict = await this.documents.signatureOf(documentId);
    return {
      signed: verdict.hasSignature,
      intact: verdict.hasSignature && verdict.signatureIntact,
      trusted: verdict.hasSignature && verdict.issuerTrusted,
      certificatesValid: verdict.hasSignature && verdict.certificatesValid,
      signers: verdict.signers.map((s) => ({
        name: s.name,
        codiceFiscale: s.codiceFiscale,
        format: s.format,
        signingTime: s.signingTime,
      })),
      // Without a signature the only news is that there is none (the inspector's file-type notes are not for operators).
      problems: verdict.hasSignature ? verdict.problems.map((p) => ({ severity: p.severity, message: p.message })) : [],
    };
  }

  /** The PA of a Responsabile unico request is not in the registry: the operator adds it (IPA data or by hand). */
  async addPublicAdministration(
    actor: Actor,
    id: string,
    dto: PublicAdministrationDto,
  ): Promise<VerificationRequestResponse> {
    const operator = await this.access.resolve(actor);
    const found = await this.inTerritory(this.dataSource.manager, operator, id);
    if (found.kind !== 'responsabile-unico' || !OPEN_STATES.includes(found.state)) {
      throw new VerificationException(VerificationExceptionCode.TRANSITION_NOT_ALLOWED, 'Operazione non possibile.');
    }
    let pa = await this.registry.organizationByCf(found.organizationCf!);
    if (!pa) {
      const answer = await this.registry.registerPublicAdministration({
        ragioneSociale: dto.denominazione,
        codiceFiscale: found.organizationCf!,
        codiceIpa: dto.codiceIpa,
        provincia: dto.provincia,
        comune: dto.comune,
        cap: dto.cap,
        indirizzo: dto.indirizzo,
        email: dto.email,
      });
      if (answer.status === 400) {
        const fields = (answer.body as { details?: { fields?: Record<string, string> } }).details?.fields ?? {};
        throw validationFailed(renameFields(fields));
      }
      pa = await this.registry.organizationByCf(found.organizationCf!);
    }
    if (!pa) throw new VerificationException(VerificationExceptionCode.PA_NOT_IN_REGISTRY, 'PA non registrata.');
    return this.dataSource.transaction(async (tx) => {
      const request = (await this.requests.lockById(tx, id))!;
      request.organizationId = pa.organizationId;
      request.organizationName = pa.ragioneSociale;
      request.territoryComune = pa.sedeComune;
      request.territoryProvincia = pa.sedeProvincia;
      request.details = { ...request.details, paSource: 'operator' };
      request.updatedAt = new Date();
      await this.requests.save(tx, request);
      return this.view(tx, request);
    });
  }

  /** A Responsabile unico who changes administration: the operator ends the old role (FAQ 9). */
  async endResponsabile(actor: Actor, codiceFiscale: string): Promise<{ ended: boolean; ragioneSociale: string }> {
    const operator = await this.access.resolve(actor);
    const held = await this.registry.responsabileOf(codiceFiscale);
    if (
      !held ||
      !this.access.covers(operator, { territoryComune: held.sedeComune, territoryProvincia: held.sedeProvincia })
    ) {
      throw requestNotFound();
    }
    await this.registry.endResponsabile(codiceFiscale);
    return { ended: true, ragioneSociale: held.ragioneSociale };
  }

  private async decide(
    actor: Actor,
    id: string,
    command: (o: OperatorContext) => Parameters<RequestRecorder['step']>[2],
    event: Parameters<RequestRecorder['step']>[3],
    resolved?: OperatorContext,
  ): Promise<VerificationRequestResponse> {
    const operator = resolved ?? (await this.access.resolve(actor));
    return this.dataSource.transaction(async (tx) => {
      const request = await this.inTerritory(tx, operator, id, true);
      const cmd = command(operator);
      if (cmd.type === 'approve' && request.kind === 'responsabile-unico' && !request.organizationId) {
        throw new VerificationException(
          VerificationExceptionCode.PA_NOT_IN_REGISTRY,
          "La pubblica amministrazione non è nell'anagrafica: aggiungerla prima di abilitare il Responsabile unico.",
        );
      }
      await this.recorder.step(tx, request, cmd, event);
      return this.view(tx, request);
    });
  }

  /** The document is one of a request of the operator's territory; anything else is "not found". */
  private async assertRequestDocument(actor: Actor, id: string, documentId: string): Promise<void> {
    const operator = await this.access.resolve(actor);
    const request = await this.inTerritory(this.dataSource.manager, operator, id);
    const docs = await this.applicantSide.documentsOf(request);
    if (!docs.some((d) => d.id === documentId)) throw requestNotFound();
  }

  private async assertResponsabileFree(request: VerificationRequest): Promise<void> {
    const held = await this.registry.responsabileOf(request.personCf);
    if (held && held.codiceFiscale !== request.organizationCf) {
      throw new VerificationException(
        VerificationExceptionCode.RESPONSABILE_UNICO_OTHER_PA,
        `${ONE_PA_MESSAGE} È già Responsabile unico di ${held.ragioneSociale}: terminare prima quel ruolo.`,
      );
    }
  }

  private async inTerritory(
    manager: EntityManager,
    operator: OperatorContext,
    id: string,
    lock = false,
  ): Promise<VerificationRequest> {
    const request = lock ? await this.requests.lockById(manager, id) : await this.requests.findById(manager, id);
    // Drafts are the applicant's alone; outside the territory the request does not exist for this operator.
    if (!request || request.state === 'draft' || !this.access.covers(operator, request)) throw requestNotFound();
    return request;
  }

  private async view(manager: EntityManager, request: VerificationRequest): Promise<VerificationRequestResponse> {
    const steps = await this.requests.stepsOf(manager, request.id);
    const docs = await this.applicantSide.documentsOf(request);
    return toResponse(request, this.env.LATE_AFTER_DAYS, {
      history: steps.map(toStep),
      documents: documentSlots(request, docs),
      ipa: request.details.ipa ?? null,
    });
  }

  /** Expires the requests whose applicant did not act in time (integration, PEC confirmation): a mail each. */
  async expireDue(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const today = romeDay(now);
      const due = await this.requests.dueForExpiry(tx, today);
      for (const request of due) {
        await this.recorder.step(tx, request, { type: 'expire', today }, 'verification-request.expired', { now });
      }
      return due.length;
    });
  }
}

function renameFields(fields: Record<string, string>): Record<string, string> {
  const map: Record<string, string> = { ragioneSociale: 'denominazione' };
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [map[k] ?? k, v]));
}
