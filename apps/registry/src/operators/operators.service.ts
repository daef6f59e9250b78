import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import { OutboxService } from '@profila/messaging';
import { CommonErrorCode, CommonException, validationFailed } from '@profila/platform';
import { today } from '../common/membership-rules.js';
import { BACKOFFICE_ROLES, type BackofficeRole, type Role } from '../common/roles.js';
import { membershipPayload } from '../memberships/membership-payload.js';
import type { Membership } from '../memberships/membership.entity.js';
import { MembershipRepository } from '../memberships/membership.repository.js';
import type { Organization } from '../organizations/organization.entity.js';
import { OrganizationRepository } from '../organizations/organization.repository.js';
import { UnitRepository } from '../units/unit.repository.js';
import type {
  AssignOperatorDto,
  OperatorResponse,
  OperatorTerritoryResponse,
  OperatorUnitResponse,
  StructureResponse,
} from './dto/operator.dto.js';
import { OperatorRepository, type OperatorUnitRow } from './operator.repository.js';
import { OperatorsException, OperatorsExceptionCode } from './operators.exception.js';

const OPERATOR_ENTI = ['regione', 'provincia', 'agenzia-per-il-lavoro'];

/**
 * Operators of the back office, kept as registry memberships (no second user store): the BACKOFFICE role on some
 * units of a Region / Provincia / agency makes those units' comuni and province the operator's territory;
 * SUPEROPERATORE lets them manage operators. Asked by admin-verification with the service credential.
 */
@Injectable()
export class OperatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operators: OperatorRepository,
    private readonly memberships: MembershipRepository,
    private readonly organizations: OrganizationRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
  ) {}

  async territoryOf(codiceFiscale: string): Promise<OperatorTerritoryResponse> {
    const rows = await this.operators.operatorUnits(this.dataSource.manager, codiceFiscale);
    return {
      codiceFiscale,
      operatore: rows.some((r) => r.roles.includes('BACKOFFICE')),
      superOperatore: rows.some((r) => r.roles.includes('SUPEROPERATORE')),
      units: rows.filter((r) => r.roles.includes('BACKOFFICE') && r.unitId).map(unitOf),
    };
  }

  async list(): Promise<OperatorResponse[]> {
    const rows = await this.operators.operatorUnits(this.dataSource.manager);
    const byPerson = new Map<string, OperatorResponse>();
    for (const row of rows) {
      let person = byPerson.get(row.codiceFiscale);
      if (!person) {
        person = { codiceFiscale: row.codiceFiscale, nome: row.nome, cognome: row.cognome, assignments: [] };
        byPerson.set(row.codiceFiscale, person);
      }
      let assignment = person.assignments.find((a) => a.organizationId === row.organizationId);
      if (!assignment) {
        assignment = {
          organizationId: row.organizationId,
          ragioneSociale: row.ragioneSociale,
          superOperatore: row.roles.includes('SUPEROPERATORE'),
          units: [],
        };
        person.assignments.push(assignment);
      }
      if (row.unitId && row.roles.includes('BACKOFFICE')) assignment.units.push(unitOf(row));
    }
    return [...byPerson.values()];
  }

  async structures(): Promise<StructureResponse[]> {
    const rows = await this.operators.structures(this.dataSource.manager);
    const out = new Map<string, StructureResponse>();
    for (const r of rows) {
      let s = out.get(r.organizationId);
      if (!s) {
        s = { organizationId: r.organizationId, ragioneSociale: r.ragioneSociale, tipoEnte: r.tipoEnte, units: [] };
        out.set(r.organizationId, s);
      }
      if (r.unitId) {
        s.units.push({
          unitId: r.unitId,
          descrizione: r.descrizione ?? '',
          comuniServiti: r.comuniServiti ?? [],
          provinceServite: r.provinceServite ?? [],
        });
      }
    }
    return [...out.values()];
  }

  /** Makes the person an operator of the organisation on `unitIds` (replacing their previous units there). */
  async assign(
    codiceFiscale: string,
    organizationId: string,
    dto: AssignOperatorDto,
  ): Promise<OperatorTerritoryResponse> {
    await this.dataSource.transaction(async (tx) => {
      const organization = await this.operatorOrganization(tx, organizationId);
      const unitIds = [...new Set(dto.unitIds)];
      const existing = await this.units.existingIds(tx, organizationId, unitIds);
      if (existing.length !== unitIds.length) {
        throw validationFailed({ unitIds: "Una o più unità non appartengono all'ente indicato" });
      }
      if (unitIds.length === 0 && !dto.superOperatore) {
        throw validationFailed({ unitIds: "Indicare almeno un'unità di competenza" });
      }
      const wanted: BackofficeRole[] = [
        ...(unitIds.length > 0 ? (['BACKOFFICE'] as const) : []),
        ...(dto.superOperatore ? (['SUPEROPERATORE'] as const) : []),
      ];
      const now = new Date();
      const current = await this.memberships.activeOf(tx, organizationId, codiceFiscale);
      if (!current) {
        const membership: Membership = {
          id: randomUUID(),
          organizationId,
          codiceFiscale,
          nome: dto.nome,
          cognome: dto.cognome,
          dataNascita: null,
          luogoNascita: null,
          kind: 'collaboratore',
          roles: wanted,
          scope: 'units',
          validFrom: today(now),
          validTo: null,
          revokedAt: null,
          createdAt: now,
          updatedAt: now,
        };
        await this.memberships.insert(tx, membership, unitIds);
        await this.record(tx, 'membership.granted', organization, membership, unitIds);
        return;
      }
      // Someone already in the organigram keeps their roles; the back-office ones are replaced. A membership of the
      // whole organisation (the amministratore) stays so: its territory is every unit.
      const business = current.roles.filter((r) => !isBackoffice(r));
      current.roles = [...business, ...wanted];
      current.nome ??= dto.nome;
      current.cognome ??= dto.cognome;
      current.updatedAt = now;
      const scopeUnits = current.scope === 'units' ? unitIds : [];
      if (current.roles.length === 0) {
        await this.memberships.revoke(tx, current, now);
        await this.record(tx, 'membership.revoked', organization, current, scopeUnits);
      } else {
        await this.memberships.update(tx, current, scopeUnits);
        await this.record(tx, 'membership.changed', organization, current, scopeUnits);
      }
    });
    return this.territoryOf(codiceFiscale);
  }

  /** Ends the person's back-office roles in the organisation (their other roles stay). */
  async unassign(codiceFiscale: string, organizationId: string): Promise<OperatorTerritoryResponse> {
    await this.dataSource.transaction(async (tx) => {
      const organization = await this.operatorOrganization(tx, organizationId);
      const current = await this.memberships.activeOf(tx, organizationId, codiceFiscale);
      if (!current || !current.roles.some(isBackoffice)) {
        throw new OperatorsException(OperatorsExceptionCode.OPERATOR_NOT_FOUND, 'Operatore non trovato');
      }
      const unitIds = await this.memberships.unitIdsOf(tx, current.id);
      const remaining = current.roles.filter((r) => !isBackoffice(r));
      current.updatedAt = new Date();
      if (remaining.length === 0) {
        // Revoked with the roles it had: the membership.revoked event says what ended (roles are never empty).
        await this.memberships.revoke(tx, current, current.updatedAt);
        await this.record(tx, 'membership.revoked', organization, current, unitIds);
      } else {
        current.roles = remaining;
        await this.memberships.update(tx, current, current.scope === 'units' ? unitIds : []);
        await this.record(tx, 'membership.changed', organization, current, unitIds);
      }
    });
    return this.territoryOf(codiceFiscale);
  }

  private async operatorOrganization(tx: EntityManager, organizationId: string): Promise<Organization> {
    const organization = await this.organizations.lockById(tx, organizationId);
    if (!organization) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Organizzazione non trovata');
    if (organization.kind !== 'ente-operatore' || !OPERATOR_ENTI.includes(organization.tipoEnte ?? '')) {
      throw new OperatorsException(
        OperatorsExceptionCode.NOT_AN_OPERATOR_ORGANIZATION,
        'Gli operatori appartengono a una Regione, a una Provincia o a un’agenzia per il lavoro.',
      );
    }
    return organization;
  }

  private async record(
    tx: EntityManager,
    type: 'membership.granted' | 'membership.changed' | 'membership.revoked',
    organization: Organization,
    membership: Membership,
    unitIds: string[],
  ): Promise<void> {
    await this.audit.record(tx, {
      action: type === 'membership.revoked' ? 'operator.removed' : 'operator.assigned',
      subject: { type: 'organization', id: organization.id },
      data: { codiceFiscale: membership.codiceFiscale, roles: membership.roles, unitIds },
    });
    await this.outbox.add(tx, type, organization.id, membershipPayload(organization, membership, unitIds));
  }
}

function isBackoffice(role: Role): role is BackofficeRole {
  return (BACKOFFICE_ROLES as readonly string[]).includes(role);
}

function unitOf(row: OperatorUnitRow): OperatorUnitResponse {
  return {
    organizationId: row.organizationId,
    ragioneSociale: row.ragioneSociale,
    unitId: row.unitId,
    descrizione: row.descrizione,
    comuniServiti: row.comuniServiti,
    provinceServite: row.provinceServite,
  };
}
