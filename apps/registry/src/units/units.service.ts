import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import type { UnitV1 } from '@profila/contracts';
import { OutboxService } from '@profila/messaging';
import { type Actor, CommonErrorCode, CommonException, validationFailed } from '@profila/platform';
import { OrganizationAccess } from '../common/organization-access.js';
import { MembershipRepository } from '../memberships/membership.repository.js';
import { membershipPayload } from '../memberships/membership-payload.js';
import { servesTerritory } from '../domain/organization-kind.js';
import { comuneRef } from '../organizations/organization-payload.js';
import type { Organization } from '../organizations/organization.entity.js';
import { ReferenceDataService } from '../reference-data/reference-data.service.js';
import type { UnitDto, UnitResponse } from './dto/unit.dto.js';
import { OperatingUnit } from './operating-unit.entity.js';
import { UnitRepository } from './unit.repository.js';

@Injectable()
export class UnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitRepository,
    private readonly memberships: MembershipRepository,
    private readonly access: OrganizationAccess,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
    private readonly reference: ReferenceDataService,
  ) {}

  async list(actor: Actor, organizationId: string): Promise<UnitResponse[]> {
    const manager = this.dataSource.manager;
    await this.access.read(manager, actor, organizationId);
    return (await this.units.listOf(manager, organizationId)).map((u) => this.toResponse(u));
  }

  async create(actor: Actor, organizationId: string, dto: UnitDto): Promise<UnitResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { organization } = await this.access.edit(manager, actor, organizationId, [], true);
      await this.access.assertLegalRepresentative(manager, organizationId);
      this.assertUnit(organization, dto);
      const now = new Date();
      const unit: OperatingUnit = {
        id: randomUUID(),
        organizationId,
        ...this.values(dto),
        createdAt: now,
        updatedAt: now,
      };
      await this.units.insert(manager, unit);
      await this.record(manager, 'unit.created', organization, unit);
      return this.toResponse(unit);
    });
  }

  async update(actor: Actor, organizationId: string, unitId: string, dto: UnitDto): Promise<UnitResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { organization } = await this.access.edit(manager, actor, organizationId, [unitId], true);
      await this.access.assertLegalRepresentative(manager, organizationId);
      const unit = await this.found(manager, organizationId, unitId);
      this.assertUnit(organization, dto);
      Object.assign(unit, this.values(dto), { updatedAt: new Date() });
      await this.units.update(manager, unit);
      await this.record(manager, 'unit.updated', organization, unit);
      return this.toResponse(unit);
    });
  }

  /** Removes the unit; memberships scoped to it lose it (and are told, with membership.changed). */
  async delete(actor: Actor, organizationId: string, unitId: string): Promise<UnitResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { organization } = await this.access.edit(manager, actor, organizationId, [unitId], true);
      const unit = await this.found(manager, organizationId, unitId);
      const scoped = await this.memberships.activeScopedTo(manager, unitId);
      await this.units.delete(manager, unit);
      await this.record(manager, 'unit.deleted', organization, unit);
      const unitsLeft = await this.memberships.unitIdsOfMany(
        manager,
        scoped.map((m) => m.id),
      );
      for (const membership of scoped) {
        await this.outbox.add(
          manager,
          'membership.changed',
          organizationId,
          membershipPayload(organization, membership, unitsLeft.get(membership.id) ?? []),
        );
      }
      return this.toResponse(unit);
    });
  }

  private async found(manager: EntityManager, organizationId: string, unitId: string): Promise<OperatingUnit> {
    const unit = await this.units.findInOrganization(manager, organizationId, unitId);
    if (!unit) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Unità operativa non trovata');
    return unit;
  }

  private assertUnit(organization: Organization, dto: UnitDto): void {
    const places = this.reference.places;
    const fields: Record<string, string> = {};
    const comune = places.comune(dto.comune);
    if (!comune) fields.comune = 'Comune inesistente o non più attivo';
    else if (dto.cap && !places.capMatches(dto.comune, dto.cap)) {
      fields.cap = `Il CAP ${dto.cap} non corrisponde al comune di ${comune.nome}`;
    }
    if (dto.validaAl && dto.validaAl < dto.validaDal) {
      fields.validaAl = 'La data di fine validità non può precedere quella di inizio';
    }
    const territory = (dto.comuniServiti?.length ?? 0) + (dto.provinceServite?.length ?? 0) > 0;
    if (territory && !servesTerritory(organization.kind)) {
      fields.comuniServiti = 'Solo gli enti e le pubbliche amministrazioni indicano il territorio servito';
    }
    const unknownComune = dto.comuniServiti?.find((c) => !places.comune(c));
    if (unknownComune) fields.comuniServiti = `Comune servito inesistente: ${unknownComune}`;
    const unknownProvincia = dto.provinceServite?.find((p) => !places.provincia(p));
    if (unknownProvincia) fields.provinceServite = `Provincia servita inesistente: ${unknownProvincia}`;
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
  }

  private values(dto: UnitDto): Omit<OperatingUnit, 'id' | 'organizationId' | 'createdAt' | 'updatedAt'> {
    return {
      descrizione: dto.descrizione,
      comune: dto.comune,
      cap: dto.cap ?? null,
      indirizzo: dto.indirizzo,
      validFrom: dto.validaDal,
      validTo: dto.validaAl ?? null,
      comuniServiti: [...new Set(dto.comuniServiti ?? [])],
      provinceServite: [...new Set(dto.provinceServite ?? [])],
    };
  }

  private async record(
    manager: EntityManager,
    type: 'unit.created' | 'unit.updated' | 'unit.deleted',
    organization: Organization,
    unit: OperatingUnit,
  ): Promise<void> {
    const payload = this.payload(organization, unit);
    await this.audit.record(manager, {
      action: type,
      subject: { type: 'organization', id: organization.id },
      data: { ...payload },
    });
    await this.outbox.add(manager, type, organization.id, payload);
  }

  private payload(organization: Organization, unit: OperatingUnit): UnitV1 {
    return {
      unitId: unit.id,
      organizationId: organization.id,
      organizationCodiceFiscale: organization.codiceFiscale,
      descrizione: unit.descrizione,
      indirizzo: { indirizzo: unit.indirizzo, cap: unit.cap, comune: comuneRef(this.reference.places, unit.comune)! },
      validFrom: unit.validFrom,
      validTo: unit.validTo,
      comuniServiti: unit.comuniServiti,
      provinceServite: unit.provinceServite,
    };
  }

  private toResponse(u: OperatingUnit): UnitResponse {
    const comune = this.reference.places.comune(u.comune);
    return {
      id: u.id,
      descrizione: u.descrizione,
      comune: u.comune,
      comuneNome: comune?.nome ?? u.comune,
      provincia: comune?.provincia ?? '',
      cap: u.cap,
      indirizzo: u.indirizzo,
      validaDal: u.validFrom,
      validaAl: u.validTo,
      comuniServiti: u.comuniServiti,
      provinceServite: u.provinceServite,
    };
  }
}
