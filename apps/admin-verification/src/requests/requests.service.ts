import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import { type Actor, CommonErrorCode, CommonException, validationFailed } from '@profila/platform';
import { DocumentStoreClient } from '../clients/document-store.client.js';
import { RegistryClient } from '../clients/registry.client.js';
import type { AdminVerificationEnv } from '../config/admin-verification.env.js';
import { ADMIN_VERIFICATION_ENV } from '../config/admin-verification.tokens.js';
import { IpaDirectory } from '../ipa/ipa-directory.js';
import { requestNotFound } from '../operators/operator-access.js';
import { addDays, isEditable, romeDay, type VerificationKind } from './domain/verification-request.machine.js';
import type { AmministratoreRequestDto, RaaRequestDto, ResponsabileUnicoRequestDto } from './dto/request-forms.dto.js';
import type { PecConfirmationResponse, VerificationRequestResponse } from './dto/request.response.js';
import { personMismatches } from './person-check.js';
import { RequestRecorder } from './request-recorder.js';
import { documentEntityIds, documentSlots, missingDocuments, toResponse, toStep } from './request-view.js';
import type { VerificationRequest } from './verification-request.entity.js';
import { VerificationRequestRepository } from './verification-request.repository.js';
import { VerificationException, VerificationExceptionCode } from './verification.exception.js';

export const ONE_PA_MESSAGE =
  'Il ruolo di responsabile unico non può essere ricoperto contemporaneamente per più di una amministrazione.';

type Form =
  | { kind: 'amministratore'; dto: AmministratoreRequestDto }
  | { kind: 'responsabile-unico'; dto: ResponsabileUnicoRequestDto }
  | { kind: 'raa'; dto: RaaRequestDto };

/**
 * The applicant's side: a request is saved as a draft (its documents are then uploaded to document-store, which asks
 * this service to confirm the link), sent ("Invia"), changed while no operator has taken it, and resubmitted after
 * "Da integrare". Bad input is refused with field messages and leaves nothing behind.
 */
@Injectable()
export class RequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: VerificationRequestRepository,
    private readonly recorder: RequestRecorder,
    private readonly registry: RegistryClient,
    private readonly documents: DocumentStoreClient,
    private readonly ipa: IpaDirectory,
    private readonly audit: AuditTrail,
    @Inject(ADMIN_VERIFICATION_ENV) private readonly env: AdminVerificationEnv,
  ) {}

  async create(actor: Actor, form: Form): Promise<VerificationRequestResponse> {
    const applicant = citizen(actor);
    const now = new Date();
    const request: VerificationRequest = {
      id: randomUUID(),
      kind: form.kind,
      state: 'draft',
      applicantCf: applicant,
      takenBy: null,
      dueDate: null,
      decisionNote: null,
      pecTokenHash: null,
      pecConfirmedAt: null,
      waitingSince: null,
      createdAt: now,
      updatedAt: now,
      ...(await this.fill(actor, form, null)),
    } as VerificationRequest;
    return this.dataSource.transaction(async (tx) => {
      await this.requests.insert(tx, request);
      await this.audit.record(tx, {
        action: 'verification-request.drafted',
        subject: { type: 'verification-request', id: request.id },
        data: { kind: request.kind, organizationCf: request.organizationCf, personCf: request.personCf },
      });
      return this.detail(tx, request);
    });
  }

  async update(actor: Actor, id: string, form: Form): Promise<VerificationRequestResponse> {
    const applicant = citizen(actor);
    const current = await this.requests.findById(this.dataSource.manager, id);
    if (!current || current.applicantCf !== applicant || current.kind !== form.kind) throw requestNotFound();
    if (!isEditable(current.state)) throw notEditable();
    const values = await this.fill(actor, form, current);
    return this.transaction(async (tx) => {
      const request = await this.mine(tx, applicant, id, true);
      if (!isEditable(request.state)) throw notEditable();
      Object.assign(request, values);
      await this.recorder.step(
        tx,
        request,
        { type: 'edit', by: applicant },
        request.state === 'draft' ? null : 'verification-request.updated',
      );
      return this.detail(tx, request);
    });
  }

  /**
   * "Invia": the documents must be there; an RAA request first waits for its PEC to be confirmed. The confirmation
   * link is not minted here: notification asks for it ({@link issuePecLink}) when it writes the mail, so the token
   * never travels in an event.
   */
  async submit(actor: Actor, id: string): Promise<VerificationRequestResponse> {
    const applicant = citizen(actor);
    await this.assertDocuments(await this.mine(this.dataSource.manager, applicant, id));
    return this.transaction(async (tx) => {
      const request = await this.mine(tx, applicant, id, true);
      const raa = request.kind === 'raa';
      const now = new Date();
      await this.recorder.step(
        tx,
        request,
        { type: 'submit', by: applicant, awaitPec: raa, pecDueDate: addDays(now, this.env.PEC_CONFIRMATION_DAYS) },
        raa ? 'verification-request.pec-confirmation-requested' : 'verification-request.submitted',
        { now },
      );
      return this.detail(tx, request);
    });
  }

  /**
   * For notification (service credential), writing the mail to the declared PEC: a fresh confirmation link. Only
   * its hash is kept; a new link replaces the previous one (a mail retried after a failure carries the valid one).
   */
  async issuePecLink(id: string): Promise<{ url: string; pec: string; dueDate: string | null }> {
    return this.dataSource.transaction(async (tx) => {
      const request = await this.requests.lockById(tx, id);
      if (!request || request.state !== 'awaiting-pec' || !request.personPec) throw requestNotFound();
      const token = randomBytes(32).toString('base64url');
      request.pecTokenHash = sha256(token);
      request.updatedAt = new Date();
      await this.requests.save(tx, request);
      await this.audit.record(tx, {
        action: 'verification-request.pec-link-issued',
        subject: { type: 'verification-request', id: request.id },
        data: { pec: request.personPec, dueDate: request.dueDate },
      });
      return {
        url: `${this.env.PUBLIC_URL.replace(/\/$/, '')}/conferma-pec/${token}`,
        pec: request.personPec,
        dueDate: request.dueDate,
      };
    });
  }

  /** After "Da integrare": back to the queue with its history. */
  async resubmit(actor: Actor, id: string): Promise<VerificationRequestResponse> {
    const applicant = citizen(actor);
    const found = await this.mine(this.dataSource.manager, applicant, id);
    if (found.state === 'integration-requested' && found.dueDate && found.dueDate < romeDay(new Date())) {
      throw new VerificationException(
        VerificationExceptionCode.PAST_DUE,
        'Il termine per integrare la richiesta è scaduto.',
      );
    }
    await this.assertDocuments(found);
    return this.transaction(async (tx) => {
      const request = await this.mine(tx, applicant, id, true);
      await this.recorder.step(tx, request, { type: 'resubmit', by: applicant }, 'verification-request.resubmitted');
      return this.detail(tx, request);
    });
  }

  /** The link mailed to the declared PEC. */
  async confirmPec(token: string): Promise<PecConfirmationResponse> {
    return this.transaction(async (tx) => {
      const request = /^[A-Za-z0-9_-]{43}$/.test(token)
        ? await this.requests.findByPecTokenHash(tx, sha256(token))
        : null;
      if (!request || request.state !== 'awaiting-pec' || (request.dueDate && request.dueDate < romeDay(new Date()))) {
        throw new VerificationException(
          VerificationExceptionCode.PEC_LINK_INVALID,
          'Link di conferma non valido, già usato o scaduto.',
        );
      }
      request.pecTokenHash = null;
      request.pecConfirmedAt = new Date();
      await this.recorder.step(tx, request, { type: 'confirm-pec' }, 'verification-request.submitted', {
        now: request.pecConfirmedAt,
      });
      return { message: 'PEC confermata: la richiesta è in attesa di abilitazione.', requestId: request.id };
    });
  }

  async list(actor: Actor): Promise<VerificationRequestResponse[]> {
    const rows = await this.requests.ofApplicant(this.dataSource.manager, citizen(actor));
    return rows.map((r) => toResponse(r, this.env.LATE_AFTER_DAYS));
  }

  async get(actor: Actor, id: string): Promise<VerificationRequestResponse> {
    const manager = this.dataSource.manager;
    return this.detail(manager, await this.mine(manager, citizen(actor), id));
  }

  /** For document-store: may this person attach documents to the request (entity id `<id>` or `<id>:<slot>`)? */
  async documentLink(
    entityId: string,
    actorKind: string,
    actorId: string,
  ): Promise<{ allowed: boolean; ownerId?: string; territory?: string | null }> {
    const [id] = entityId.split(':');
    const request = /^[0-9a-f-]{36}$/.test(id) ? await this.requests.findById(this.dataSource.manager, id) : null;
    if (
      !request ||
      actorKind !== 'citizen' ||
      request.applicantCf !== actorId ||
      !isEditable(request.state) ||
      !documentEntityIds(request).includes(entityId)
    ) {
      return { allowed: false };
    }
    return { allowed: true, ownerId: request.applicantCf, territory: request.territoryProvincia };
  }

  private async detail(manager: EntityManager, request: VerificationRequest): Promise<VerificationRequestResponse> {
    const steps = await this.requests.stepsOf(manager, request.id);
    const docs = await this.documentsOf(request);
    return toResponse(request, this.env.LATE_AFTER_DAYS, {
      history: steps.map(toStep),
      documents: documentSlots(request, docs),
    });
  }

  async documentsOf(request: VerificationRequest) {
    const ids = documentEntityIds(request);
    return (await Promise.all(ids.map((id) => this.documents.list(id)))).flat();
  }

  private async assertDocuments(request: VerificationRequest): Promise<void> {
    const missing = missingDocuments(documentSlots(request, await this.documentsOf(request)));
    if (Object.keys(missing).length > 0) throw validationFailed(missing);
  }

  private async mine(
    manager: EntityManager,
    applicant: string,
    id: string,
    lock = false,
  ): Promise<VerificationRequest> {
    const request = lock ? await this.requests.lockById(manager, id) : await this.requests.findById(manager, id);
    if (!request || request.applicantCf !== applicant) throw requestNotFound();
    return request;
  }

  /** Checks the form and resolves what it names; the values to store. */
  private async fill(
    actor: Actor,
    form: Form,
    current: VerificationRequest | null,
  ): Promise<Partial<VerificationRequest>> {
    switch (form.kind) {
      case 'amministratore':
        return this.fillAmministratore(form.dto, current);
      case 'responsabile-unico':
        return this.fillResponsabile(form.dto, current);
      case 'raa':
        return this.fillRaa(actor, form.dto);
    }
  }

  private async fillAmministratore(dto: AmministratoreRequestDto, current: VerificationRequest | null) {
    const fields = personMismatches(dto);
    if (dto.email !== dto.emailConferma) {
      fields.emailConferma = "L'indirizzo e-mail di conferma è diverso da quello indicato";
    }
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
    if (current && current.organizationId !== dto.organizationId) {
      throw validationFailed({ organizationId: "L'azienda di una richiesta non si cambia: inviarne una nuova" });
    }
    const organization = await this.registry.organization(dto.organizationId);
    if (!organization) throw validationFailed({ organizationId: "Azienda non presente nell'anagrafica" });
    if (organization.kind === 'pubblica-amministrazione') {
      throw new VerificationException(
        VerificationExceptionCode.ORGANIZATION_NOT_ELIGIBLE,
        'Per una pubblica amministrazione si registra il Responsabile unico.',
      );
    }
    return {
      personCf: dto.codiceFiscale,
      personNome: dto.nome,
      personCognome: dto.cognome,
      personDataNascita: dto.dataNascita,
      personLuogoNascita: dto.luogoNascita,
      personEmail: dto.email,
      personPec: null,
      professione: null,
      organizationId: organization.organizationId,
      organizationCf: organization.codiceFiscale,
      organizationName: organization.ragioneSociale,
      territoryComune: organization.sedeComune,
      territoryProvincia: organization.sedeProvincia,
      details: {},
    };
  }

  private async fillResponsabile(dto: ResponsabileUnicoRequestDto, current: VerificationRequest | null) {
    if (current && current.organizationCf !== dto.paCodiceFiscale) {
      throw validationFailed({
        paCodiceFiscale: "L'amministrazione di una richiesta non si cambia: inviarne una nuova",
      });
    }
    const held = await this.registry.responsabileOf(dto.codiceFiscale);
    const elsewhere =
      held && held.codiceFiscale !== dto.paCodiceFiscale
        ? held.ragioneSociale
        : (
            await this.requests.openResponsabileElsewhere(
              this.dataSource.manager,
              dto.codiceFiscale,
              dto.paCodiceFiscale,
              current?.id ?? null,
            )
          )?.organizationName;
    if (elsewhere) {
      throw new VerificationException(
        VerificationExceptionCode.RESPONSABILE_UNICO_OTHER_PA,
        `${ONE_PA_MESSAGE} ${dto.cognome} ${dto.nome} (${dto.codiceFiscale}) è già Responsabile unico di ${elsewhere}.`,
        { fields: { codiceFiscale: ONE_PA_MESSAGE } },
      );
    }
    const pa = await this.registry.organizationByCf(dto.paCodiceFiscale);
    if (pa && pa.kind !== 'pubblica-amministrazione') {
      throw validationFailed({ paCodiceFiscale: 'Il codice fiscale non è di una pubblica amministrazione' });
    }
    const ipa = pa ? null : await this.ipa.find(dto.paCodiceFiscale);
    return {
      personCf: dto.codiceFiscale,
      personNome: dto.nome,
      personCognome: dto.cognome,
      personDataNascita: null,
      personLuogoNascita: null,
      personEmail: dto.email,
      personPec: dto.pec,
      professione: null,
      organizationId: pa?.organizationId ?? null,
      organizationCf: dto.paCodiceFiscale,
      organizationName: pa?.ragioneSociale ?? ipa?.denominazione ?? `Amministrazione ${dto.paCodiceFiscale}`,
      territoryComune: pa?.sedeComune ?? ipa?.comune ?? null,
      territoryProvincia: pa?.sedeProvincia ?? ipa?.provincia ?? null,
      details: {
        paSource: pa ? ('registry' as const) : ipa ? ('ipa' as const) : null,
        ipa: ipa
          ? {
              denominazione: ipa.denominazione,
              codiceIpa: ipa.codiceIpa,
              comune: ipa.comune,
              provincia: ipa.provincia,
              indirizzo: ipa.indirizzo,
            }
          : null,
      },
    };
  }

  private fillRaa(actor: Actor, dto: RaaRequestDto) {
    const fields = personMismatches(dto);
    if (dto.codiceFiscale !== actor.id) {
      fields.codiceFiscale =
        "Il codice fiscale deve essere quello dell'identità digitale con cui hai effettuato l'accesso";
    }
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
    return Promise.resolve({
      personCf: dto.codiceFiscale,
      personNome: dto.nome,
      personCognome: dto.cognome,
      personDataNascita: dto.dataNascita,
      personLuogoNascita: dto.luogoNascita,
      personEmail: dto.email,
      personPec: dto.pec,
      professione: dto.professione ?? null,
      organizationId: null,
      organizationCf: null,
      organizationName: null,
      territoryComune: dto.comuneResidenza,
      territoryProvincia: dto.provinciaResidenza,
      details: {
        comuneResidenza: dto.comuneResidenza,
        provinciaResidenza: dto.provinciaResidenza,
        indirizzoResidenza: dto.indirizzoResidenza,
      },
    });
  }

  /** A unique index decides between two open requests for the same company / person. */
  private async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new VerificationException(
          VerificationExceptionCode.REQUEST_ALREADY_OPEN,
          'Esiste già una richiesta in corso per questa azienda o questa persona.',
        );
      }
      throw error;
    }
  }
}

function citizen(actor: Actor): string {
  if (actor.kind !== 'citizen')
    throw new CommonException(CommonErrorCode.FORBIDDEN, 'Operazione riservata ai cittadini.');
  return actor.id;
}

function notEditable(): VerificationException {
  return new VerificationException(
    VerificationExceptionCode.REQUEST_NOT_EDITABLE,
    "La richiesta non è più modificabile: un operatore l'ha presa in carico.",
  );
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export type { VerificationKind };
