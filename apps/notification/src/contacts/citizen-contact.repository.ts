import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CitizenContact } from './citizen-contact.entity.js';

/** Every query of `citizen_contact`. */
@Injectable()
export class CitizenContactRepository {
  /** Inserts or refreshes as of `asOf`: a replayed old event never overwrites a newer address. */
  async upsert(
    manager: EntityManager,
    c: { codiceFiscale: string; nome: string; cognome: string; email: string | null },
    asOf: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO citizen_contact (codice_fiscale, nome, cognome, email, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (codice_fiscale) DO UPDATE
         SET nome = EXCLUDED.nome, cognome = EXCLUDED.cognome, email = EXCLUDED.email, updated_at = EXCLUDED.updated_at
         WHERE citizen_contact.updated_at <= EXCLUDED.updated_at`,
      [c.codiceFiscale, c.nome, c.cognome, c.email, asOf],
    );
  }

  find(manager: EntityManager, codiceFiscale: string): Promise<CitizenContact | null> {
    return manager.getRepository(CitizenContact).findOneBy({ codiceFiscale });
  }
}
