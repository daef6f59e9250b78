import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import type {
  AccessCheckResponse,
  AccessGrant,
  AccessGrantV1,
  AccessRightOrganizationsResponse,
  EventOf,
} from '@profila/contracts';
import { OutboxService } from '@profila/messaging';
import { validityWindow } from '../domain/rome-calendar.js';
import { OrganizationRefRepository } from '../organizations/organization-ref.repository.js';
import type { AccessRightSource } from './access-right.entity.js';
import { AccessRightCache } from './access-right.cache.js';
import {
  AccessRightRepository,
  type Grant,
  type GrantData,
  type OrganizationRights,
} from './access-right.repository.js';

/** What an accepted delega lets the delegate do: the services' work, not the organisation's own registry data. */
export const DELEGA_PERMISSIONS = ['COB', 'SARE', 'IDO', 'RAA'];

const SOURCE_ORDER: Record<AccessRightSource, number> = { amministratore: 0, collaboratore: 1, delega: 2 };

export interface AccessQuery {
  codiceFiscale: string;
  organizationId: string;
  permission?: string;
  unitId?: string;
  at?: Date;
}

export interface DelegationGrant {
  delegationId: string;
  delegateCf: string;
  organizationId: string;
  dataInizio: string;
  dataScadenza: string;
}

/** A grant allows a check when it is live at `at`, carries the permission, and covers the unit. */
export function allows(grant: Grant, q: AccessQuery, at: number): boolean {
  if (grant.organizationId !== q.organizationId) return false;
  if (grant.validFrom.getTime() > at) return false;
  if (grant.validTo !== null && grant.validTo.getTime() <= at) return false;
  if (q.permission && !grant.permissions.includes(q.permission)) return false;
  if (q.unitId && grant.scope === 'units' && !grant.unitIds.includes(q.unitId)) return false;
  return true;
}

/**
 * The access-rights read model: who may act for which organisation, with what, where, when. Fed by registry's
 * memberships and by accepted deleghe; every change is audited and published as delegation.access.v1.
 */
@Injectable()
export class AccessRightsService {
  constructor(
    private readonly rights: AccessRightRepository,
    private readonly cache: AccessRightCache,
    private readonly organizations: OrganizationRefRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
  ) {}

  /** May the citizen act for the organisation (with the permission, on the unit) at `at`? With the grant that allows it. */
  async check(q: AccessQuery): Promise<AccessCheckResponse> {
    const at = (q.at ?? new Date()).getTime();
    let best: Grant | undefined;
    for (const g of await this.cache.grantsOf(q.codiceFiscale)) {
      if (!allows(g, q, at)) continue;
      if (!best || rank(g) < rank(best)) best = g;
    }
    return best ? { allowed: true, grant: toAccessGrant(best) } : { allowed: false, grant: null };
  }

  /** The organisations a citizen may act for now ("Selezione tipologia di utente"). */
  async organizationsOf(codiceFiscale: string): Promise<AccessRightOrganizationsResponse> {
    return { organizations: await this.rights.validByOrganization(codiceFiscale) };
  }

  /** The organisations a citizen holds now: those they may delegate for ("Ricerca profilo"). */
  heldBy(manager: EntityManager, codiceFiscale: string, at = new Date()): Promise<OrganizationRights[]> {
    return this.rights.heldBy(manager, codiceFiscale, at);
  }

  holds(manager: EntityManager, codiceFiscale: string, organizationId: string, at = new Date()): Promise<boolean> {
    return this.rights.holds(manager, codiceFiscale, organizationId, at);
  }

  /** registry.membership.v1 → the grant of that membership, in the event's transaction. */
  async recordMembership(
    manager: EntityManager,
    event: EventOf<'membership.granted' | 'membership.changed' | 'membership.revoked'>,
  ): Promise<void> {
    const m = event.data;
    if (event.type === 'membership.revoked') {
      await this.revoke(manager, m.kind, m.membershipId, new Date(event.occurredAt));
      return;
    }
    const window = validityWindow(m.validFrom, m.validTo);
    await this.grant(
      manager,
      {
        source: m.kind,
        sourceId: m.membershipId,
        citizenCf: m.codiceFiscale,
        organizationId: m.organizationId,
        organizationCf: m.organizationCodiceFiscale ?? '',
        ragioneSociale: '',
        permissions: m.roles,
        scope: m.scope,
        unitIds: m.unitIds,
        validFrom: window.from,
        validTo: window.to,
      },
      new Date(event.occurredAt),
    );
  }

  /** An accepted delega (or its accepted new dates) becomes the delegate's grant. */
  async grantDelegation(manager: EntityManager, d: DelegationGrant, at: Date): Promise<void> {
    const org = await this.organizations.find(manager, d.organizationId);
    const window = validityWindow(d.dataInizio, d.dataScadenza);
    await this.grant(
      manager,
      {
        source: 'delega',
        sourceId: d.delegationId,
        citizenCf: d.delegateCf,
        organizationId: d.organizationId,
        organizationCf: org?.codiceFiscale ?? '',
        ragioneSociale: org?.denominazione ?? '',
        permissions: DELEGA_PERMISSIONS,
        scope: 'organization',
        unitIds: [],
        validFrom: window.from,
        validTo: window.to,
      },
      at,
    );
  }

  revokeDelegation(manager: EntityManager, delegationId: string, at: Date): Promise<void> {
    return this.revoke(manager, 'delega', delegationId, at);
  }

  /** Expiry job: grants whose window ended, each once across replicas. Returns how many. */
  async expireDue(manager: EntityManager, now: Date, limit: number): Promise<number> {
    const expired = await this.rights.expireDue(manager, now, limit);
    for (const g of expired) {
      this.cache.evict(g.citizenCf);
      await this.publish(manager, 'access.expired', g);
    }
    return expired.length;
  }

  private async grant(manager: EntityManager, data: GrantData, asOf: Date): Promise<void> {
    const grant = await this.rights.upsert(manager, data, asOf);
    if (!grant) return;
    this.cache.evict(grant.citizenCf);
    await this.publish(manager, 'access.granted', grant);
  }

  private async revoke(manager: EntityManager, source: AccessRightSource, sourceId: string, at: Date): Promise<void> {
    const grant = await this.rights.revoke(manager, source, sourceId, at);
    if (!grant) return;
    this.cache.evict(grant.citizenCf);
    await this.publish(manager, 'access.revoked', grant);
  }

  private async publish(
    manager: EntityManager,
    type: 'access.granted' | 'access.revoked' | 'access.expired',
    grant: Grant,
  ): Promise<void> {
    const payload = toEventPayload(grant);
    await this.audit.record(manager, {
      action: type,
      subject: { type: 'access-right', id: grant.id },
      data: { ...payload },
    });
    await this.outbox.add(manager, type, grant.organizationId, payload);
  }
}

function rank(g: Grant): number {
  return SOURCE_ORDER[g.source] * 2 + (g.scope === 'organization' ? 0 : 1);
}

function toAccessGrant(g: Grant): AccessGrant {
  return {
    grantId: g.id,
    source: g.source,
    sourceId: g.sourceId,
    permissions: g.permissions,
    scope: g.scope,
    unitIds: g.unitIds,
    validFrom: g.validFrom.toISOString(),
    validTo: g.validTo?.toISOString() ?? null,
  };
}

function toEventPayload(g: Grant): AccessGrantV1 {
  return {
    grantId: g.id,
    source: g.source,
    sourceId: g.sourceId,
    codiceFiscale: g.citizenCf,
    organizationId: g.organizationId,
    organizationCodiceFiscale: g.organizationCf || null,
    permissions: g.permissions,
    scope: g.scope,
    unitIds: g.unitIds,
    validFrom: g.validFrom.toISOString(),
    validTo: g.validTo?.toISOString() ?? null,
  };
}
