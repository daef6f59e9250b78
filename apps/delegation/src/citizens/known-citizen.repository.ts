import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { KnownCitizen } from './known-citizen.entity.js';

export interface KnownCitizenData {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  email: string | null;
}

/** Every query of `known_citizen`. */
@Injectable()
export class KnownCitizenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts or refreshes a citizen as of `asOf`. Events of one citizen arrive in order; the guard on updated_at
   * keeps a replayed old event from overwriting newer data.
   */
  async upsert(manager: EntityManager, citizen: KnownCitizenData, asOf: string): Promise<void> {
    await manager.query(
      `INSERT INTO known_citizen (codice_fiscale, nome, cognome, email, registered_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (codice_fiscale) DO UPDATE
         SET nome = EXCLUDED.nome, cognome = EXCLUDED.cognome, email = EXCLUDED.email, updated_at = EXCLUDED.updated_at
         WHERE known_citizen.updated_at <= EXCLUDED.updated_at`,
      [citizen.codiceFiscale, citizen.nome, citizen.cognome, citizen.email, asOf],
    );
  }

  find(manager: EntityManager, codiceFiscale: string): Promise<KnownCitizen | null> {
    return manager.getRepository(KnownCitizen).findOneBy({ codiceFiscale });
  }

  findByCodiceFiscale(codiceFiscale: string): Promise<KnownCitizen | null> {
    return this.dataSource.getRepository(KnownCitizen).findOneBy({ codiceFiscale });
  }

  /** Citizens whose codice fiscale starts with `prefix` (letters and digits only), in codice fiscale order. */
  searchByCodiceFiscalePrefix(manager: EntityManager, prefix: string, limit: number): Promise<KnownCitizen[]> {
    if (!/^[A-Z0-9]+$/.test(prefix)) throw new Error('prefix must be upper-case letters and digits');
    return manager
      .getRepository(KnownCitizen)
      .createQueryBuilder('c')
      .where('c.codice_fiscale LIKE :prefix', { prefix: `${prefix}%` })
      .orderBy('c.codice_fiscale')
      .limit(limit)
      .getMany();
  }
}
