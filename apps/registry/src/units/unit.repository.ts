import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { OperatingUnit } from './operating-unit.entity.js';

/** Every query of operating_unit. */
@Injectable()
export class UnitRepository {
  listOf(manager: EntityManager, organizationId: string): Promise<OperatingUnit[]> {
    return manager.find(OperatingUnit, { where: { organizationId }, order: { descrizione: 'ASC', id: 'ASC' } });
  }

  findInOrganization(manager: EntityManager, organizationId: string, id: string): Promise<OperatingUnit | null> {
    return manager.findOneBy(OperatingUnit, { organizationId, id });
  }

  /** The ids among `ids` that are units of the organisation. */
  async existingIds(manager: EntityManager, organizationId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await manager.find(OperatingUnit, { where: { organizationId, id: In(ids) }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  async insert(manager: EntityManager, unit: OperatingUnit): Promise<void> {
    await manager.insert(OperatingUnit, unit);
  }

  async update(manager: EntityManager, unit: OperatingUnit): Promise<void> {
    await manager.save(OperatingUnit, unit);
  }

  async delete(manager: EntityManager, unit: OperatingUnit): Promise<void> {
    await manager.delete(OperatingUnit, { id: unit.id });
  }
}
