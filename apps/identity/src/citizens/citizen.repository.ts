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

  async save(manager: EntityManager, citizen: Citizen): Promise<void> {
    await this.repo(manager).save(citizen);
  }
}
