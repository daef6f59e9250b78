import { Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import { MembershipUnit } from './membership-unit.entity.js';
import { Membership } from './membership.entity.js';

/** Every query of membership and membership_unit. */
@Injectable()
export class MembershipRepository {
  /** The person's current (not revoked) membership of the organisation, if any. */
  activeOf(manager: EntityManager, organizationId: string, codiceFiscale: string): Promise<Membership | null> {
    return manager.findOneBy(Membership, { organizationId, codiceFiscale, revokedAt: IsNull() });
  }

  /** The person's current memberships, every organisation. */
  activeOfPerson(manager: EntityManager, codiceFiscale: string): Promise<Membership[]> {
    return manager.find(Membership, { where: { codiceFiscale, revokedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  listOf(manager: EntityManager, organizationId: string): Promise<Membership[]> {
    return manager.find(Membership, {
      where: { organizationId, revokedAt: IsNull() },
      order: { kind: 'ASC', cognome: 'ASC', nome: 'ASC', id: 'ASC' },
    });
  }

  findActiveInOrganization(manager: EntityManager, organizationId: string, id: string): Promise<Membership | null> {
    return manager.findOneBy(Membership, { organizationId, id, revokedAt: IsNull() });
  }

  currentAmministratore(manager: EntityManager, organizationId: string): Promise<Membership | null> {
    return manager.findOneBy(Membership, { organizationId, kind: 'amministratore', revokedAt: IsNull() });
  }

  async insert(manager: EntityManager, membership: Membership, unitIds: string[]): Promise<void> {
    await manager.insert(Membership, membership);
    await this.replaceUnits(manager, membership.id, unitIds);
  }

  async update(manager: EntityManager, membership: Membership, unitIds: string[]): Promise<void> {
    await manager.save(Membership, membership);
    await this.replaceUnits(manager, membership.id, unitIds);
  }

  async revoke(manager: EntityManager, membership: Membership, at: Date): Promise<void> {
    membership.revokedAt = at;
    membership.updatedAt = at;
    await manager.update(Membership, { id: membership.id }, { revokedAt: at, updatedAt: at });
  }

  async unitIdsOf(manager: EntityManager, membershipId: string): Promise<string[]> {
    const rows = await manager.find(MembershipUnit, { where: { membershipId }, order: { unitId: 'ASC' } });
    return rows.map((r) => r.unitId);
  }

  async unitIdsOfMany(manager: EntityManager, membershipIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(membershipIds.map((id) => [id, []]));
    if (membershipIds.length === 0) return map;
    const rows = await manager.find(MembershipUnit, {
      where: { membershipId: In(membershipIds) },
      order: { unitId: 'ASC' },
    });
    for (const row of rows) map.get(row.membershipId)!.push(row.unitId);
    return map;
  }

  /** Current memberships scoped to a unit (to tell them when the unit goes). */
  async activeScopedTo(manager: EntityManager, unitId: string): Promise<Membership[]> {
    const rows = await manager.find(MembershipUnit, { where: { unitId } });
    if (rows.length === 0) return [];
    return manager.find(Membership, { where: { id: In(rows.map((r) => r.membershipId)), revokedAt: IsNull() } });
  }

  private async replaceUnits(manager: EntityManager, membershipId: string, unitIds: string[]): Promise<void> {
    await manager.delete(MembershipUnit, { membershipId });
    const rows = [...new Set(unitIds)].map((unitId) => ({ membershipId, unitId }));
    if (rows.length > 0) await manager.insert(MembershipUnit, rows);
  }
}
