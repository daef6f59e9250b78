import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { escapeLike, poolQuery } from '@profila/persistence';
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

const kindFilter = (foreign: boolean | undefined) =>
  foreign === undefined ? '' : foreign ? `AND kind = 'azienda-estera'` : `AND kind <> 'azienda-estera'`;
const kindName = (foreign: boolean | undefined) => (foreign === undefined ? 'any' : foreign ? 'estere' : 'italiane');

/**
 * The smallest string after every string that starts with `text`, in C collation (code point order): `text` with its
 * last code point incremented (surrogates skipped). `[text, prefixEnd(text))` is then exactly the names starting with
 * `text`, a range a generic plan can scan (a `LIKE $1` pattern is only usable by the index when planned for its value).
 * (A text made only of U+10FFFF, which no name has, gets an empty range.)
 */
export function prefixEnd(text: string): string {
  const points = [...text];
  const last = points.pop()?.codePointAt(0) ?? 0;
  if (last >= 0x10ffff) return points.length === 0 ? '\u{10ffff}' : prefixEnd(points.join(''));
  const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
  return points.join('') + String.fromCodePoint(next);
}

/**
 * Runs a search statement. Outside a transaction (search always is) straight on the driver's pool, so that a `name`
 * makes it a prepared statement of each pooled connection (parsed and analysed once, not on every search; TypeORM's
 * `manager.query` cannot name one); inside a transaction, through the manager's query runner.
 */
function hits(
  manager: EntityManager,
  name: string | undefined,
  text: string,
  values: unknown[],
): Promise<OrganizationHit[]> {
  if (manager.queryRunner) return manager.query(text, values);
  return poolQuery<OrganizationHit>(manager.connection, text, values, name);
}

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
   * identification code. A named statement: prepared once per connection, planned generically (no planning per call).
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
    return hits(
      manager,
      `registry.search-code.${kindName(foreign)}`,
      `SELECT id, kind, "ragioneSociale", "codiceFiscale", "codiceIdentificativo", "sedeComune", "sedeCitta"
         FROM (${parts.join(' UNION ALL ')}) hits
        ORDER BY ragione_sociale_norm COLLATE "C", id LIMIT $2`,
      [code, limit],
    );
  }

  /**
   * Ragione sociale search on the normalised name, PostgreSQL alone: `searchStarting`, then, when those are fewer than
   * `limit`, `searchContaining`. `text` is already normalised (upper case, no diacritics).
   */
  async searchByName(
    manager: EntityManager,
    text: string,
    foreign: boolean | undefined,
    limit: number,
  ): Promise<OrganizationHit[]> {
    const starting = await this.searchStarting(manager, text, foreign, limit);
    if (starting.length >= limit) return starting;
    return [...starting, ...(await this.searchContaining(manager, text, foreign, limit - starting.length))];
  }

  /**
   * Names starting with the text, in C-collation order: a range scan of the covering C-collation btree (index only)
   * that stops at `limit`; a named statement, parsed once per connection.
   */
  searchStarting(
    manager: EntityManager,
    text: string,
    foreign: boolean | undefined,
    limit: number,
  ): Promise<OrganizationHit[]> {
    return hits(
      manager,
      `registry.search-prefix.${kindName(foreign)}`,
      `SELECT ${HIT_COLUMNS} FROM organization
        WHERE ragione_sociale_norm COLLATE "C" >= $1 AND ragione_sociale_norm COLLATE "C" < $2 ${kindFilter(foreign)}
        ORDER BY ragione_sociale_norm COLLATE "C", id LIMIT $3`,
      [text, prefixEnd(text), limit],
    );
  }

  /**
   * Names containing the text but not starting with it, in no particular order, through the trigram index: planned
   * for the text at hand (a sequential scan that stops early for common text, the trigram index for rare text).
   */
  searchContaining(
    manager: EntityManager,
    text: string,
    foreign: boolean | undefined,
    limit: number,
  ): Promise<OrganizationHit[]> {
    const escaped = escapeLike(text);
    return hits(
      manager,
      undefined,
      `SELECT ${HIT_COLUMNS} FROM organization
        WHERE ragione_sociale_norm LIKE $1 AND ragione_sociale_norm NOT LIKE $2 ${kindFilter(foreign)}
        LIMIT $3`,
      [`%${escaped}%`, `${escaped}%`, limit],
    );
  }

  /**
   * The organisations among `ids` (candidates of the in-memory name index) whose current name contains the text but
   * does not start with it: the same predicate as `searchContaining`, checked again on the table, which is the truth.
   */
  containingAmong(
    manager: EntityManager,
    ids: string[],
    text: string,
    foreign: boolean | undefined,
  ): Promise<OrganizationHit[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const escaped = escapeLike(text);
    return hits(
      manager,
      `registry.search-among.${kindName(foreign)}`,
      `SELECT ${HIT_COLUMNS} FROM organization
        WHERE id = ANY($1::uuid[]) AND ragione_sociale_norm LIKE $2 AND ragione_sociale_norm NOT LIKE $3
          ${kindFilter(foreign)}`,
      [ids, `%${escaped}%`, `${escaped}%`],
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
