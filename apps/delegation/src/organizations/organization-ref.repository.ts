import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganizationRef } from './organization-ref.entity.js';

export interface OrganizationRefData {
  organizationId: string;
  codiceFiscale: string | null;
  denominazione: string;
  tipiSoggettoAbilitato: string[];
}

/** Every query of `organization_ref`. */
@Injectable()
export class OrganizationRefRepository {
  /** Inserts or refreshes as of `asOf`: a replayed old event never overwrites newer data. */
  async upsert(manager: EntityManager, org: OrganizationRefData, asOf: string): Promise<void> {
    await manager.query(
      `INSERT INTO organization_ref (organization_id, codice_fiscale, denominazione, tipi_soggetto_abilitato, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id) DO UPDATE
         SET codice_fiscale = EXCLUDED.codice_fiscale, denominazione = EXCLUDED.denominazione,
             tipi_soggetto_abilitato = EXCLUDED.tipi_soggetto_abilitato, updated_at = EXCLUDED.updated_at
         WHERE organization_ref.updated_at <= EXCLUDED.updated_at`,
      [org.organizationId, org.codiceFiscale, org.denominazione, org.tipiSoggettoAbilitato, asOf],
    );
  }

  find(manager: EntityManager, organizationId: string): Promise<OrganizationRef | null> {
    return manager.getRepository(OrganizationRef).findOneBy({ organizationId });
  }
}
