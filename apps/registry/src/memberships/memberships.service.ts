import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import { OutboxService } from '@profila/messaging';
import { type Actor, CommonErrorCode, CommonException, validationFailed } from '@profila/platform';
import { today } from '../common/membership-rules.js';
import { OrganizationAccess } from '../common/organization-access.js';
import { personMismatches } from '../common/person-check.js';
import type { Organization } from '../organizations/organization.entity.js';
import { UnitRepository } from '../units/unit.repository.js';
import type { AddMemberDto, MemberGrantDto, MemberResponse } from './dto/member.dto.js';
import { membershipPayload } from './membership-payload.js';
import type { Membership } from './membership.entity.js';
import { MembershipRepository } from './membership.repository.js';
import { MembershipsException, MembershipsExceptionCode } from './memberships.exception.js';

/** The organigram ("Utenti"): collaborators by codice fiscale, with roles per service and a scope. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipRepository,
    private readonly units: UnitRepository,
    private readonly access: OrganizationAccess,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
  ) {}

  async list(actor: Actor, organizationId: string): Promise<MemberResponse[]> {
    const manager = this.dataSource.manager;
    await this.access.read(manager, actor, organizationId);
    const members = await this.memberships.listOf(manager, organizationId);
    const units = await this.memberships.unitIdsOfMany(
      manager,
      members.map((m) => m.id),
    );
    return members.map((m) => toResponse(m, units.get(m.id) ?? []));
  }

  async add(actor: Actor, organizationId: string, dto: AddMemberDto): Promise<MemberResponse> {
    const mismatches = personMismatches(dto);
    if (Object.keys(mismatches).length > 0) throw validationFailed(mismatches);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const unitIds = scopeUnits(dto);
        const { organization } = await this.access.edit(manager, actor, organizationId, unitIds, true);
        await this.access.assertLegalRepresentative(manager, organizationId);
        await this.assertUnits(manager, organizationId, dto, unitIds);
        if (await this.memberships.activeOf(manager, organizationId, dto.codiceFiscale)) throw alreadyPresent();
        const now = new Date();
        const membership: Membership = {
          id: randomUUID(),
          organizationId,
          codiceFiscale: dto.codiceFiscale,
          nome: dto.nome,
          cognome: dto.cognome,
          dataNascita: dto.dataNascita,
          luogoNascita: dto.luogoNascita,
          kind: 'collaboratore',
          roles: dto.ruoli,
          scope: dto.ambito === 'unita' ? 'units' : 'organization',
          validFrom: dto.validaDal ?? today(now),
          validTo: dto.validaAl ?? null,
          revokedAt: null,
          createdAt: now,
          updatedAt: now,
        };
        await this.memberships.insert(manager, membership, unitIds);
        await this.record(manager, 'membership.granted', organization, membership, unitIds, {
          nome: dto.nome,
          cognome: dto.cognome,
        });
        return toResponse(membership, unitIds);
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw alreadyPresent();
      }
      throw error;
    }
  }

  async change(actor: Actor, organizationId: string, memberId: string, dto: MemberGrantDto): Promise<MemberResponse> {
    return this.dataSource.transaction(async (manager) => {
      const unitIds = scopeUnits(dto);
      const existing = await this.memberships.findActiveInOrganization(manager, organizationId, memberId);
      const currentUnits = existing ? await this.memberships.unitIdsOf(manager, existing.id) : [];
      const touched = [...new Set([...unitIds, ...currentUnits])];
      const { organization } = await this.access.edit(manager, actor, organizationId, touched, true);
      await this.access.assertLegalRepresentative(manager, organizationId);
      const membership = this.editable(existing);
      await this.assertUnits(manager, organizationId, dto, unitIds, membership.validFrom);
      membership.roles = dto.ruoli;
      membership.scope = dto.ambito === 'unita' ? 'units' : 'organization';
      membership.validFrom = dto.validaDal ?? membership.validFrom;
      membership.validTo = dto.validaAl ?? null;
      membership.updatedAt = new Date();
      await this.memberships.update(manager, membership, unitIds);
      await this.record(manager, 'membership.changed', organization, membership, unitIds);
      return toResponse(membership, unitIds);
    });
  }

  async remove(actor: Actor, organizationId: string, memberId: string): Promise<MemberResponse> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.memberships.findActiveInOrganization(manager, organizationId, memberId);
      const unitIds = existing ? await this.memberships.unitIdsOf(manager, existing.id) : [];
      const { organization } = await this.access.edit(manager, actor, organizationId, unitIds, true);
      const membership = this.editable(existing);
      await this.memberships.revoke(manager, membership, new Date());
      await this.record(manager, 'membership.revoked', organization, membership, unitIds);
      return toResponse(membership, unitIds);
    });
  }

  /** The amministratore comes from the association: it changes by revoking it, not from the organigram. */
  private editable(membership: Membership | null): Membership {
    if (!membership) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Utente non trovato');
    if (membership.kind === 'amministratore') {
      throw new MembershipsException(
        MembershipsExceptionCode.AMMINISTRATORE_NOT_EDITABLE,
        "L'amministratore ha tutti i ruoli: per cambiarlo revocare l'associazione del profilo.",
      );
    }
    return membership;
  }

  private async assertUnits(
    manager: EntityManager,
    organizationId: string,
    dto: MemberGrantDto,
    unitIds: string[],
    validFrom = dto.validaDal ?? today(),
  ): Promise<void> {
    const fields: Record<string, string> = {};
    if (dto.ambito === 'unita' && unitIds.length === 0) fields.unitaIds = 'Selezionare almeno una unità operativa';
    if (dto.ambito === 'organizzazione' && (dto.unitaIds?.length ?? 0) > 0) {
      fields.unitaIds = 'Con ambito «intera organizzazione» non si indicano unità operative';
    }
    const found = await this.units.existingIds(manager, organizationId, unitIds);
    if (found.length !== unitIds.length) fields.unitaIds = "Unità operativa inesistente per quest'organizzazione";
    if (dto.validaAl && dto.validaAl < validFrom) {
      fields.validaAl = 'La data di fine validità non può precedere quella di inizio';
    }
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
  }

  private async record(
    manager: EntityManager,
    type: 'membership.granted' | 'membership.changed' | 'membership.revoked',
    organization: Organization,
    membership: Membership,
    unitIds: string[],
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const payload = membershipPayload(organization, membership, unitIds);
    await this.audit.record(manager, {
      action: type,
      subject: { type: 'organization', id: organization.id },
      data: { ...payload, ...extra },
    });
    await this.outbox.add(manager, type, organization.id, payload);
  }
}

function scopeUnits(dto: MemberGrantDto): string[] {
  return dto.ambito === 'unita' ? [...new Set((dto.unitaIds ?? []).map((id) => id.toLowerCase()))] : [];
}

function alreadyPresent(): MembershipsException {
  return new MembershipsException(
    MembershipsExceptionCode.MEMBER_ALREADY_PRESENT,
    "La persona è già nell'organigramma: modificarne i ruoli.",
  );
}

function toResponse(m: Membership, unitIds: string[]): MemberResponse {
  return {
    id: m.id,
    codiceFiscale: m.codiceFiscale,
    nome: m.nome,
    cognome: m.cognome,
    dataNascita: m.dataNascita,
    luogoNascita: m.luogoNascita,
    tipo: m.kind,
    ruoli: m.roles,
    ambito: m.scope === 'units' ? 'unita' : 'organizzazione',
    unitaIds: m.scope === 'units' ? unitIds : [],
    validaDal: m.validFrom,
    validaAl: m.validTo,
  };
}
