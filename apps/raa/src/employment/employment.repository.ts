import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EmploymentLookup } from './employment-lookup.entity.js';
import { EmploymentRelationship } from './employment-relationship.entity.js';

/** Every query of employment_relationship and employment_lookup. */
@Injectable()
export class EmploymentRepository {
  relationshipsOf(manager: EntityManager, workerCf: string): Promise<EmploymentRelationship[]> {
    return manager.find(EmploymentRelationship, {
      where: { workerCf },
      order: { startDate: 'ASC', relationshipId: 'ASC' },
    });
  }

  /** Inserts or replaces as of the communication's time: a replayed older communication never wins. */
  async upsertFromCommunication(manager: EntityManager, row: EmploymentRelationship): Promise<void> {
    await manager.query(
      `INSERT INTO employment_relationship (relationship_id, worker_cf, employer_cf, employer_name, start_date,
                                            end_date, contract_type, last_communication_id, last_communication_kind,
                                            source, communicated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (relationship_id) DO UPDATE
         SET worker_cf = EXCLUDED.worker_cf, employer_cf = EXCLUDED.employer_cf,
             employer_name = EXCLUDED.employer_name, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
             contract_type = EXCLUDED.contract_type, last_communication_id = EXCLUDED.last_communication_id,
             last_communication_kind = EXCLUDED.last_communication_kind, source = EXCLUDED.source,
             communicated_at = EXCLUDED.communicated_at
         WHERE employment_relationship.communicated_at <= EXCLUDED.communicated_at`,
      [
        row.relationshipId,
        row.workerCf,
        row.employerCf,
        row.employerName,
        row.startDate,
        row.endDate,
        row.contractType,
        row.lastCommunicationId,
        row.lastCommunicationKind,
        row.source,
        row.communicatedAt,
      ],
    );
  }

  /** The sample data set: rows already there (by id) stay as they are. Returns how many were added. */
  async insertMissing(manager: EntityManager, rows: EmploymentRelationship[]): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(EmploymentRelationship)
      .values(rows)
      .orIgnore()
      .execute();
    return result.identifiers.filter(Boolean).length;
  }

  async logLookup(manager: EntityManager, lookup: EmploymentLookup): Promise<void> {
    await manager.insert(EmploymentLookup, lookup);
  }

  lookupsOf(manager: EntityManager, workerCf: string): Promise<EmploymentLookup[]> {
    return manager.find(EmploymentLookup, { where: { workerCf }, order: { lookedAt: 'DESC' }, take: 500 });
  }
}
