import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import type { DelegationV1 } from '@profila/contracts';
import { OutboxService } from '@profila/messaging';
import { type Actor, validationFailed } from '@profila/platform';
import { AccessRightsService } from '../access-rights/access-rights.service.js';
import { KnownCitizensService } from '../citizens/known-citizens.service.js';
import type { DelegationEnv } from '../config/delegation.env.js';
import { DELEGATION_ENV } from '../config/delegation.tokens.js';
import { romeDay, validityWindow } from '../domain/rome-calendar.js';
import { OrganizationRefRepository } from '../organizations/organization-ref.repository.js';
import { RequestOutcome } from './delegation-request.entity.js';
import type { Delegation } from './delegation.entity.js';
import { type DelegationRow, DelegationRepository, type PageQuery, type RequestRow } from './delegation.repository.js';
import { DelegationsException, DelegationsExceptionCode } from './delegations.exception.js';
import * as machine from './domain/delegation.machine.js';
import {
  DelegationRequestKind,
  DelegationRule,
  DelegationRuleViolation,
  type DelegationState,
  DelegationStatus,
} from './domain/delegation.machine.js';
import type { CreateDelegationDto, DelegationTermsDto, ListDelegationsQuery } from './dto/delegation.dto.js';
import {
  type CreatedDelegationResponse,
  type DelegableProfilesResponse,
  type DelegationPageResponse,
  type DelegationRequestPageResponse,
  type DelegationRequestResponse,
  type DelegationResponse,
  TrackingStatus,
} from './dto/delegation.response.js';

export const CREATED_MESSAGE = "L'assegnazione della delega è avvenuta correttamente";

type DelegationEventType =
  | 'delegation.requested'
  | 'delegation.accepted'
  | 'delegation.refused'
  | 'delegation.modified'
  | 'delegation.revoked'
  | 'delegation.expiring'
  | 'delegation.expired';

/** What a refused rule means to the user: a field's message (400) or a code. */
function fromRule(error: unknown): never {
  if (!(error instanceof DelegationRuleViolation)) throw error;
  switch (error.rule) {
    case DelegationRule.START_IN_THE_PAST:
      throw validationFailed({
        dataInizio: 'Non è possibile inserire deleghe retroattive: la data di inizio non può precedere la data odierna',
      });
    case DelegationRule.END_BEFORE_START:
      throw validationFailed({
        dataScadenza: 'La data di scadenza non può precedere la data di inizio né la data odierna',
      });
    case DelegationRule.INVALID_DATE:
      throw validationFailed({ [error.field ?? 'dataInizio']: 'Data inesistente' });
    case DelegationRule.SELF_DELEGATION:
      throw validationFailed({ codiceFiscaleDelegato: 'Non è possibile delegare sé stessi' });
    case DelegationRule.REASON_REQUIRED:
      throw validationFailed({ motivo: 'Indicare il motivo del rifiuto' });
    case DelegationRule.NOT_THE_DELEGATE:
      throw new DelegationsException(DelegationsExceptionCode.DELEGATION_NOT_FOUND);
    case DelegationRule.NOT_ALLOWED_TO_MANAGE:
      throw new DelegationsException(DelegationsExceptionCode.ORGANIZATION_NOT_HELD);
    case DelegationRule.NOT_AWAITING_ANSWER:
      throw new DelegationsException(DelegationsExceptionCode.NOT_AWAITING_ANSWER);
    case DelegationRule.NOT_ACTIVE:
    case DelegationRule.NOT_ENDED_YET:
      throw new DelegationsException(DelegationsExceptionCode.NOT_ACTIVE);
    case DelegationRule.MODIFICATION_PENDING:
      throw new DelegationsException(DelegationsExceptionCode.MODIFICATION_PENDING);
    case DelegationRule.NO_CHANGE:
      throw new DelegationsException(DelegationsExceptionCode.NO_CHANGE);
    default:
      throw error;
  }
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    return fromRule(error);
  }
}

function stateOf(d: Delegation): DelegationState {
  return {
    status: d.status,
    delegatorCf: d.delegatorCf,
    delegateCf: d.delegateCf,
    dataInizio: d.dataInizio,
    dataScadenza: d.dataScadenza,
    pendingChange:
      d.pendingDataInizio && d.pendingDataScadenza
        ? { dataInizio: d.pendingDataInizio, dataScadenza: d.pendingDataScadenza }
        : null,
  };
}

/** The new state on the row: terms, window, pending Modifica. */
function apply(d: Delegation, s: DelegationState, at: Date, pendingRequestId: string | null = null): Delegation {
  const window = validityWindow(s.dataInizio, s.dataScadenza);
  return {
    ...d,
    status: s.status,
    dataInizio: s.dataInizio,
    dataScadenza: s.dataScadenza,
    validFrom: window.from,
    validTo: window.to!,
    pendingRequestId: s.pendingChange ? pendingRequestId : null,
    pendingDataInizio: s.pendingChange?.dataInizio ?? null,
    pendingDataScadenza: s.pendingChange?.dataScadenza ?? null,
    expiringNoticeSent: d.dataScadenza === s.dataScadenza ? d.expiringNoticeSent : false,
    updatedAt: at,
  };
}

/**
 * Deleghe: a citizen who holds an organisation delegates another citizen; the delegate accepts or refuses; the
 * delegator (or the amministratore) modifies or revokes; the expiry job ends them. Each use case is one transaction
 * with its history row, its audit entry, its event and the access grant it changes.
 */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deleghe: DelegationRepository,
    private readonly citizens: KnownCitizensService,
    private readonly organizations: OrganizationRefRepository,
    private readonly accessRights: AccessRightsService,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
    @Inject(DELEGATION_ENV) private readonly env: DelegationEnv,
  ) {}

  /** "Ricerca profilo": the organisations the citizen holds now (may delegate for). */
  async profiles(actor: Actor): Promise<DelegableProfilesResponse> {
    const held = await this.accessRights.heldBy(this.dataSource.manager, actor.id);
    const profili = [];
    for (const o of held) {
      const ref = await this.organizations.find(this.dataSource.manager, o.organizationId);
      profili.push({
        organizationId: o.organizationId,
        denominazione: o.ragioneSociale,
        codiceFiscale: o.codiceFiscale,
        tipiSoggettoAbilitato: ref?.tipiSoggettoAbilitato ?? [],
      });
    }
    return { profili };
  }

  /** "Aggiungi delega" → Salva. */
  async create(actor: Actor, dto: CreateDelegationDto): Promise<CreatedDelegationResponse> {
    const organizationId = dto.organizationId.toLowerCase();
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      // One request at a time per delegator: the daily limit cannot be slipped under by concurrent requests.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`delegation.request:${actor.id}`]);
      const holds = await this.accessRights.holds(manager, actor.id, organizationId, now);
      const state = guarded(() =>
        machine.request(
          { codiceFiscale: actor.id, holdsOrganization: holds },
          dto.codiceFiscaleDelegato,
          dto,
          romeDay(now),
        ),
      );
      const delegate = await this.citizens.find(manager, dto.codiceFiscaleDelegato);
      if (!delegate) throw new DelegationsException(DelegationsExceptionCode.DELEGATE_NEVER_LOGGED_IN);
      const org = await this.organizations.find(manager, organizationId);
      if (dto.tipoSoggettoAbilitato && org && !org.tipiSoggettoAbilitato.includes(dto.tipoSoggettoAbilitato)) {
        throw validationFailed({ tipoSoggettoAbilitato: 'Tipo soggetto abilitato non previsto per questo profilo' });
      }
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `delegation.delegate:${delegate.codiceFiscale}`,
      ]);
      if (await this.deleghe.openExists(manager, organizationId, delegate.codiceFiscale)) {
        throw new DelegationsException(DelegationsExceptionCode.DELEGATION_ALREADY_EXISTS);
      }
      await this.assertLimits(manager, actor.id, delegate.codiceFiscale, now);
      const window = validityWindow(state.dataInizio, state.dataScadenza);
      const delegation: Delegation = {
        id: randomUUID(),
        organizationId,
        delegatorCf: actor.id,
        delegateCf: delegate.codiceFiscale,
        tipoSoggettoAbilitato: dto.tipoSoggettoAbilitato ?? null,
        status: state.status,
        dataInizio: state.dataInizio,
        dataScadenza: state.dataScadenza,
        validFrom: window.from,
        validTo: window.to!,
        pendingRequestId: null,
        pendingDataInizio: null,
        pendingDataScadenza: null,
        expiringNoticeSent: false,
        createdAt: now,
        updatedAt: now,
      };
      await this.deleghe.insert(manager, delegation);
      const requestId = await this.deleghe.insertRequest(manager, {
        delegationId: delegation.id,
        kind: DelegationRequestKind.INSERIMENTO,
        dataInizio: state.dataInizio,
        dataScadenza: state.dataScadenza,
        requestedBy: actor.id,
        requestedAt: now,
        outcome: RequestOutcome.ATTESA_APPROVAZIONE,
      });
      const row = (await this.deleghe.find(manager, delegation.id))!;
      await this.record(manager, 'delegation.requested', row, requestId, DelegationRequestKind.INSERIMENTO);
      return { messaggio: CREATED_MESSAGE, delega: toResponse(row) };
    });
  }

  /** The delegate accepts the Inserimento or the Modifica that awaits them. */
  accept(actor: Actor, id: string): Promise<DelegationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const row = await this.lockVisible(manager, actor, id);
      const { state, kind } = guarded(() => machine.accept(stateOf(row.delegation), actor.id));
      await this.deleghe.update(manager, apply(row.delegation, state, now));
      const decided = await this.deleghe.decidePending(manager, id, RequestOutcome.COMPLETATA, actor.id, now);
      await this.accessRights.grantDelegation(
        manager,
        {
          delegationId: id,
          delegateCf: state.delegateCf,
          organizationId: row.delegation.organizationId,
          dataInizio: state.dataInizio,
          dataScadenza: state.dataScadenza,
        },
        now,
      );
      const updated = (await this.deleghe.find(manager, id))!;
      await this.record(manager, 'delegation.accepted', updated, decided!.id, kind);
      return toResponse(updated);
    });
  }

  /** The delegate refuses, with a reason. */
  refuse(actor: Actor, id: string, reason: string): Promise<DelegationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const row = await this.lockVisible(manager, actor, id);
      const { state, kind } = guarded(() => machine.refuse(stateOf(row.delegation), actor.id, reason));
      await this.deleghe.update(manager, apply(row.delegation, state, now));
      const decided = await this.deleghe.decidePending(manager, id, RequestOutcome.RIFIUTATA, actor.id, now, reason);
      const updated = (await this.deleghe.find(manager, id))!;
      await this.record(manager, 'delegation.refused', updated, decided!.id, kind, { reason });
      return toResponse(updated);
    });
  }

  /** Modifica: new dates the delegate will accept or refuse; the current terms hold meanwhile. */
  modify(actor: Actor, id: string, terms: DelegationTermsDto): Promise<DelegationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const row = await this.lockVisible(manager, actor, id);
      const holds = await this.accessRights.holds(manager, actor.id, row.delegation.organizationId, now);
      const state = guarded(() =>
        machine.modify(
          stateOf(row.delegation),
          { codiceFiscale: actor.id, holdsOrganization: holds },
          terms,
          romeDay(now),
        ),
      );
      const requestId = await this.deleghe.insertRequest(manager, {
        delegationId: id,
        kind: DelegationRequestKind.MODIFICA,
        dataInizio: terms.dataInizio,
        dataScadenza: terms.dataScadenza,
        requestedBy: actor.id,
        requestedAt: now,
        outcome: RequestOutcome.ATTESA_APPROVAZIONE,
      });
      await this.deleghe.update(manager, apply(row.delegation, state, now, requestId));
      const updated = (await this.deleghe.find(manager, id))!;
      await this.record(manager, 'delegation.modified', updated, requestId, DelegationRequestKind.MODIFICA, {
        proposed: { dataInizio: terms.dataInizio, dataScadenza: terms.dataScadenza },
      });
      return toResponse(updated);
    });
  }

  /** Revoca: by the delegator or the organisation's amministratore, effective at once. */
  revoke(actor: Actor, id: string): Promise<DelegationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const row = await this.lockVisible(manager, actor, id);
      const holds = await this.accessRights.holds(manager, actor.id, row.delegation.organizationId, now);
      const state = guarded(() =>
        machine.revoke(stateOf(row.delegation), { codiceFiscale: actor.id, holdsOrganization: holds }),
      );
      await this.deleghe.decidePending(manager, id, RequestOutcome.ANNULLATA, actor.id, now);
      await this.deleghe.update(manager, apply(row.delegation, state, now));
      const requestId = await this.deleghe.insertRequest(manager, {
        delegationId: id,
        kind: DelegationRequestKind.REVOCA,
        dataInizio: null,
        dataScadenza: null,
        requestedBy: actor.id,
        requestedAt: now,
        outcome: RequestOutcome.COMPLETATA,
        decidedBy: actor.id,
        decidedAt: now,
      });
      await this.accessRights.revokeDelegation(manager, id, now);
      const updated = (await this.deleghe.find(manager, id))!;
      await this.record(manager, 'delegation.revoked', updated, requestId, DelegationRequestKind.REVOCA, {
        revokedBy: actor.id,
      });
      return toResponse(updated);
    });
  }

  /**
   * registry says the delegator no longer holds the organisation (membership.revoked of its amministratore): each open
   * delega they gave for it ends at once, as a Revoca by the system, with its history row, audit entry and events.
   */
  async endWithHolder(manager: EntityManager, organizationId: string, delegatorCf: string, at: Date): Promise<number> {
    const ids = await this.deleghe.lockOpenFrom(manager, organizationId, delegatorCf);
    for (const id of ids) {
      const row = (await this.deleghe.find(manager, id))!;
      const state = machine.endWithHolder(stateOf(row.delegation));
      await this.deleghe.decidePending(manager, id, RequestOutcome.ANNULLATA, 'system', at);
      await this.deleghe.update(manager, apply(row.delegation, state, at));
      const requestId = await this.deleghe.insertRequest(manager, {
        delegationId: id,
        kind: DelegationRequestKind.REVOCA,
        dataInizio: null,
        dataScadenza: null,
        requestedBy: 'system',
        requestedAt: at,
        outcome: RequestOutcome.COMPLETATA,
        decidedBy: 'system',
        decidedAt: at,
      });
      await this.accessRights.revokeDelegation(manager, id, at);
      const updated = (await this.deleghe.find(manager, id))!;
      await this.record(manager, 'delegation.revoked', updated, requestId, DelegationRequestKind.REVOCA, {
        revokedBy: null,
      });
    }
    return ids.length;
  }

  /** Expiry job: one ended delega, claimed by this replica (the caller holds its lock). */
  async expireClaimed(manager: EntityManager, id: string, now: Date): Promise<void> {
    const row = (await this.deleghe.find(manager, id))!;
    const state = machine.expire(stateOf(row.delegation), romeDay(now));
    const wasPending = row.delegation.status === DelegationStatus.IN_ATTESA;
    const decided = await this.deleghe.decidePending(
      manager,
      id,
      wasPending ? RequestOutcome.SCADUTA : RequestOutcome.ANNULLATA,
      'system',
      now,
    );
    await this.deleghe.update(manager, apply(row.delegation, state, now));
    const requests = await this.deleghe.requestsOf(manager, id);
    const last = decided?.id ?? requests[requests.length - 1].id;
    const updated = (await this.deleghe.find(manager, id))!;
    await this.record(
      manager,
      'delegation.expired',
      updated,
      last,
      wasPending ? DelegationRequestKind.INSERIMENTO : requests[requests.length - 1].kind,
    );
  }

  /** Expiry job: the notice some days before the end of an accepted delega, once. */
  async noticeClaimed(manager: EntityManager, id: string, now: Date): Promise<void> {
    const row = (await this.deleghe.find(manager, id))!;
    await this.deleghe.update(manager, { ...row.delegation, expiringNoticeSent: true, updatedAt: now });
    const requests = await this.deleghe.requestsOf(manager, id);
    const completed = requests.filter(
      (r) => r.outcome === RequestOutcome.COMPLETATA && r.kind !== DelegationRequestKind.REVOCA,
    );
    const last = completed[completed.length - 1] ?? requests[requests.length - 1];
    const daysLeft = Math.max(0, Math.round((row.delegation.validTo.getTime() - now.getTime()) / 86_400_000));
    await this.record(manager, 'delegation.expiring', row, last.id, last.kind, { daysLeft });
  }

  async get(actor: Actor, id: string): Promise<DelegationResponse> {
    const row = await this.deleghe.find(this.dataSource.manager, id);
    if (!row || !(await this.visibleTo(this.dataSource.manager, actor, row))) throw notFound();
    return toResponse(row);
  }

  /** "Deleghe ricevute": accepted, even those starting in the future. */
  async received(actor: Actor, q: ListDelegationsQuery): Promise<DelegationPageResponse> {
    const page = pageOf(q);
    const { items, total } = await this.deleghe.receivedAccepted(actor.id, page);
    return { items: items.map(toResponse), totale: total, pagina: q.pagina ?? 1, elementi: page.limit };
  }

  /** "Deleghe ricevute in attesa". */
  async pending(actor: Actor, q: ListDelegationsQuery): Promise<DelegationRequestPageResponse> {
    const page = pageOf(q);
    const { items, total } = await this.deleghe.pendingForDelegate(actor.id, page);
    return { items: items.map(toRequestResponse), totale: total, pagina: q.pagina ?? 1, elementi: page.limit };
  }

  /** "Tracciamento deleghe inviate". */
  async sent(actor: Actor, q: ListDelegationsQuery): Promise<DelegationRequestPageResponse> {
    const page = pageOf(q);
    const { items, total } = await this.deleghe.sentBy(actor.id, page);
    return { items: items.map(toRequestResponse), totale: total, pagina: q.pagina ?? 1, elementi: page.limit };
  }

  /** "Lista delegati" / "Ricerca delegati": the deleghe of the organisations the citizen holds (of one delegate). */
  async delegates(actor: Actor, q: ListDelegationsQuery, delegateCf: string | null): Promise<DelegationPageResponse> {
    const page = pageOf(q);
    const held = await this.accessRights.heldBy(this.dataSource.manager, actor.id);
    if (held.length === 0) return { items: [], totale: 0, pagina: q.pagina ?? 1, elementi: page.limit };
    const { items, total } = await this.deleghe.ofOrganizations(
      held.map((o) => o.organizationId),
      delegateCf,
      page,
    );
    return { items: items.map(toResponse), totale: total, pagina: q.pagina ?? 1, elementi: page.limit };
  }

  /** The delegator, the delegate and the organisation's amministratore see a delega; anyone else gets 404. */
  private async visibleTo(manager: EntityManager, actor: Actor, row: DelegationRow): Promise<boolean> {
    if (actor.kind !== 'citizen') return false;
    if (row.delegation.delegatorCf === actor.id || row.delegation.delegateCf === actor.id) return true;
    return this.accessRights.holds(manager, actor.id, row.delegation.organizationId);
  }

  private async lockVisible(manager: EntityManager, actor: Actor, id: string): Promise<DelegationRow> {
    const row = await this.deleghe.lock(manager, id);
    if (!row || !(await this.visibleTo(manager, actor, row))) throw notFound();
    return row;
  }

  private async assertLimits(
    manager: EntityManager,
    delegatorCf: string,
    delegateCf: string,
    now: Date,
  ): Promise<void> {
    const maxOpen = this.env.DELEGATION_MAX_ACTIVE_PER_DELEGATE;
    if (maxOpen > 0 && (await this.deleghe.countOpenOfDelegate(manager, delegateCf)) >= maxOpen) {
      throw new DelegationsException(DelegationsExceptionCode.DELEGATE_LIMIT_REACHED);
    }
    const maxPerDay = this.env.DELEGATION_MAX_REQUESTS_PER_DAY;
    const since = new Date(now.getTime() - 86_400_000);
    if (maxPerDay > 0 && (await this.deleghe.countInsertionsSince(manager, delegatorCf, since)) >= maxPerDay) {
      throw new DelegationsException(DelegationsExceptionCode.DELEGATOR_DAILY_LIMIT_REACHED);
    }
  }

  private async record(
    manager: EntityManager,
    type: DelegationEventType,
    row: DelegationRow,
    requestId: string,
    kind: DelegationRequestKind,
    extra: Partial<DelegationV1> = {},
  ): Promise<void> {
    const d = row.delegation;
    const payload: DelegationV1 = {
      delegationId: d.id,
      requestId: Number(requestId),
      requestKind: kind,
      status: d.status,
      delegator: row.delegator,
      delegate: row.delegate,
      organization: row.organization,
      tipoSoggettoAbilitato: d.tipoSoggettoAbilitato,
      dataInizio: d.dataInizio,
      dataScadenza: d.dataScadenza,
      ...extra,
    };
    await this.audit.record(manager, {
      action: type,
      subject: { type: 'delegation', id: d.id },
      data: { ...payload },
      actingFor: null,
    });
    await this.outbox.add(manager, type, d.id, payload);
  }
}

function notFound(): DelegationsException {
  return new DelegationsException(DelegationsExceptionCode.DELEGATION_NOT_FOUND);
}

function pageOf(q: ListDelegationsQuery): PageQuery {
  const limit = q.elementi ?? 10;
  return { search: q.cerca ?? '', offset: ((q.pagina ?? 1) - 1) * limit, limit };
}

export function toResponse(row: DelegationRow): DelegationResponse {
  const d = row.delegation;
  return {
    id: d.id,
    delegante: row.delegator,
    delegato: row.delegate,
    azienda: row.organization,
    tipoSoggettoAbilitato: d.tipoSoggettoAbilitato,
    stato: d.status,
    dataInizio: d.dataInizio,
    dataScadenza: d.dataScadenza,
    modificaInAttesa:
      d.pendingRequestId && d.pendingDataInizio && d.pendingDataScadenza
        ? {
            idRichiesta: Number(d.pendingRequestId),
            dataInizio: d.pendingDataInizio,
            dataScadenza: d.pendingDataScadenza,
          }
        : null,
  };
}

/** The Stato a request shows: its own outcome, or what became of the delega it put in force. */
export function trackingStatus(row: RequestRow): TrackingStatus {
  switch (row.request.outcome) {
    case RequestOutcome.ATTESA_APPROVAZIONE:
      return TrackingStatus.ATTESA_APPROVAZIONE;
    case RequestOutcome.RIFIUTATA:
      return TrackingStatus.RIFIUTATA;
    case RequestOutcome.ANNULLATA:
      return row.delegation.status === DelegationStatus.SCADUTA ? TrackingStatus.SCADUTA : TrackingStatus.REVOCATA;
    case RequestOutcome.SCADUTA:
      return TrackingStatus.SCADUTA;
    case RequestOutcome.COMPLETATA:
      if (row.request.kind === DelegationRequestKind.REVOCA) return TrackingStatus.COMPLETATA;
      if (row.delegation.status === DelegationStatus.REVOCATA) return TrackingStatus.REVOCATA;
      if (row.delegation.status === DelegationStatus.SCADUTA) return TrackingStatus.SCADUTA;
      return TrackingStatus.COMPLETATA;
    default:
      return TrackingStatus.COMPLETATA;
  }
}

function toRequestResponse(row: RequestRow): DelegationRequestResponse {
  return {
    idRichiesta: Number(row.request.id),
    delegationId: row.delegation.id,
    delegante: row.delegator,
    delegato: row.delegate,
    azienda: row.organization,
    tipoSoggettoAbilitato: row.delegation.tipoSoggettoAbilitato,
    tipoDelega: row.request.kind,
    dataInizio: row.request.dataInizio,
    dataScadenza: row.request.dataScadenza,
    stato: trackingStatus(row),
    motivo: row.request.reason,
  };
}
