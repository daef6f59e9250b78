import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { OrganizationAccreditation } from './accreditation.entity.js';
import type { TipoSoggettoAbilitato } from '../domain/organization-kind.js';
import { LegalRepresentative } from './legal-representative.entity.js';
import { Organization } from './organization.entity.js';

/** The minimal fields search answers with. */
export interface OrganizationHit {
  id: string;
  kind: Organization['kind'];
  ragioneSociale: string;
  codiceFiscale: string | null;
  codiceIdentificativo: string | null;
  sedeComune: string | null;
  sedeCitta: string | null;
}

const HIT_COLUMNS =
  'id, kind, ragione_sociale AS "ragioneSociale", codice_fiscale AS "codiceFiscale", ' +
  'codice_identificativo AS "codiceIdentificativo", sede_comune AS "sedeComune", sede_citta AS "sedeCitta"';

/** Every query of the organisation aggregate: organization, legal_representative, organization_accreditation. */
@Injectable()
export class OrganizationRepository {
  async insert(manager: EntityManager, organization: Organization): Promise<void> {
    await manager.insert(Organization, organization);
  }

  async update(manager: EntityManager, organization: Organization): Promise<void> {
    await manager.save(Organization, organization);
  }

  findById(manager: EntityManager, id: string): Promise<Organization | null> {
    return manager.findOneBy(Organization, { id });
  }

  /** Locks the organisation row for the rest of the transaction (association, revoke). */
  lockById(manager: EntityManager, id: string): Promise<Organization | null> {
    return manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByIds(manager: EntityManager, ids: string[]): Promise<Organization[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(Organization, { id: In(ids) });
  }

  /** The Italian organisation (any kind but foreign) with this codice fiscale. */
  findByCodiceFiscale(manager: EntityManager, codiceFiscale: string): Promise<Organization | null> {
    return manager
      .createQueryBuilder(Organization, 'o')
      .where('o.codice_fiscale = :codiceFiscale', { codiceFiscale })
      .andWhere(`o.kind <> 'azienda-estera'`)
      .getOne();
  }

  findForeign(manager: EntityManager, statoEstero: string, codiceIdentificativo: string): Promise<Organization | null> {
    return manager.findOneBy(Organization, { kind: 'azienda-estera', statoEstero, codiceIdentificativo });
  }

  /**
   * Exact lookup by codice fiscale (Italian kinds, through their partial unique index), or by a foreign company's
   * identification code.
   */
  searchByCode(
    manager: EntityManager,
    code: string,
    foreign: boolean | undefined,
    limit: number,
  ): Promise<OrganizationHit[]> {
    const italian = `SELECT ${HIT_COLUMNS}, ragione_sociale_norm FROM organization
        WHERE codice_fiscale = $1 AND kind <> 'azienda-estera'`;
    const abroad = `SELECT ${HIT_COLUMNS}, ragione_sociale_norm FROM organization
        WHERE codice_identificativo = $1 AND kind = 'azienda-estera'`;
    const parts = foreign === undefined ? [italian, abroad] : foreign ? [abroad] : [italian];
    return manager.query(
      `SELECT id, kind, "ragioneSociale", "codiceFiscale", "codiceIdentificativo", "sedeComune", "sedeCitta"
         FROM (${parts.join(' UNION ALL ')}) hits
        ORDER BY ragione_sociale_norm COLLATE "C", id LIMIT $2`,
      [code, limit],
    );
  }

  /**
   * Ragione sociale search on the normalised name, in one statement: names starting with the text first (btree in C
   * collation, read in index order), then names containing it (trigram index). The Limit above the Append stops
   * pulling as soon as it has `limit` rows, so the trigram scan runs only when the prefix scan found fewer.
   * `text` is already normalised (upper case, no diacritics).
   */
  searchByName(
    manager: EntityManager,
    text: string,
    foreign: boolean | undefined,
    limit: number,
  ): Promise<OrganizationHit[]> {
    const kindFilter =
      foreign === undefined ? '' : foreign ? `AND kind = 'azienda-estera'` : `AND kind <> 'azienda-estera'`;
    const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
    return manager.query(
      `(SELECT ${HIT_COLUMNS} FROM organization
         WHERE ragione_sociale_norm COLLATE "C" LIKE $1 ${kindFilter}
         ORDER BY ragione_sociale_norm COLLATE "C", id LIMIT $3)
       UNION ALL
       (SELECT ${HIT_COLUMNS} FROM organization
         WHERE ragione_sociale_norm LIKE $2 AND ragione_sociale_norm NOT LIKE $1 ${kindFilter}
         LIMIT $3)
       LIMIT $3`,
      [`${escaped}%`, `%${escaped}%`, limit],
    );
  }

  findLegalRepresentative(manager: EntityManager, organizationId: string): Promise<LegalRepresentative | null> {
    return manager.findOneBy(LegalRepresentative, { organizationId });
  }

  async saveLegalRepresentative(manager: EntityManager, representative: LegalRepresentative): Promise<void> {
    await manager.save(LegalRepresentative, representative);
  }

  async accreditationsOf(manager: EntityManager, organizationId: string): Promise<OrganizationAccreditation[]> {
    return manager.find(OrganizationAccreditation, { where: { organizationId }, order: { tipo: 'ASC' } });
  }

  async accreditationsOfMany(manager: EntityManager, ids: string[]): Promise<OrganizationAccreditation[]> {
    return ids.length === 0 ? [] : manager.find(OrganizationAccreditation, { where: { organizationId: In(ids) } });
  }

  /** Replaces the declared accreditation types; legacy ones are kept as they are (read-only). */
  async replaceDeclaredAccreditations(
    manager: EntityManager,
    organizationId: string,
    tipi: TipoSoggettoAbilitato[],
  ): Promise<void> {
    await manager.delete(OrganizationAccreditation, { organizationId, source: 'dichiarato' });
    const legacy = new Set((await this.accreditationsOf(manager, organizationId)).map((a) => a.tipo));
    const rows = [...new Set(tipi)]
      .filter((tipo) => !legacy.has(tipo))
      .map((tipo) => ({ organizationId, tipo, source: 'dichiarato' as const }));
    if (rows.length > 0) await manager.insert(OrganizationAccreditation, rows);
  }
}
