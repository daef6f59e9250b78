import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Citizen } from './citizen.entity.js';

/** Every query of the `citizen` table. */
@Injectable()
export class CitizenRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Citizen);
  }

  create(data: Partial<Citizen>): Citizen {
    return this.repo().create(data);
  }

  findByCodiceFiscale(codiceFiscale: string): Promise<Citizen | null> {
    return this.repo().findOneBy({ codiceFiscale });
  }

  /** The citizen row locked until the transaction ends (concurrent logins of one citizen serialise here). */
  findForUpdate(manager: EntityManager, codiceFiscale: string): Promise<Citizen | null> {
    return this.repo(manager).findOne({ where: { codiceFiscale }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(manager: EntityManager, citizen: Citizen): Promise<void> {
    await this.repo(manager).insert(citizen);
  }

  /**
   * Writes back a citizen read with `findForUpdate` in this transaction: one UPDATE of its columns (`save` would read
   * the row again first to diff it). `updatedAt` comes back from the UPDATE.
   */
  async updateLocked(manager: EntityManager, citizen: Citizen): Promise<void> {
    const { codiceFiscale, createdAt: _createdAt, updatedAt: _updatedAt, ...columns } = citizen;
    const result = await this.repo(manager)
      .createQueryBuilder()
      .update()
      .set(columns)
      .where('codice_fiscale = :codiceFiscale', { codiceFiscale })
      .returning('updated_at')
      .execute();
    const row = (result.raw as Array<{ updated_at: Date }>)[0];
    if (row) citizen.updatedAt = row.updated_at;
  }

  async save(manager: EntityManager, citizen: Citizen): Promise<void> {
    await this.repo(manager).save(citizen);
  }
}
