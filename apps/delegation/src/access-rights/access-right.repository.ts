import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccessRightSource } from './access-right.entity.js';

/** Channel on which every change of a citizen's grants is announced (payload: the codice fiscale), at commit. */
export const ACCESS_RIGHT_CHANNEL = 'profila_access_right';

export interface OrganizationRights {
  organizationId: string;
  ragioneSociale: string;
  codiceFiscale: string;
  roles: string[];
}

/** A grant as the read model keeps it. */
export interface Grant {
  id: string;
  source: AccessRightSource;
  sourceId: string;
  citizenCf: string;
  organizationId: string;
  organizationCf: string;
  permissions: string[];
  scope: 'organization' | 'units';
  unitIds: string[];
  validFrom: Date;
  validTo: Date | null;
}

export interface GrantData {
  source: AccessRightSource;
  sourceId: string;
  citizenCf: string;
  organizationId: string;
  organizationCf: string;
  ragioneSociale: string;
  permissions: string[];
  scope: 'organization' | 'units';
  unitIds: string[];
  validFrom: Date;
  validTo: Date | null;
}

interface GrantRow {
  id: string;
  source: AccessRightSource;
  source_id: string;
  citizen_cf: string;
  organization_id: string;
  codice_fiscale_org: string;
  roles: string[];
  scope: 'organization' | 'units';
  unit_ids: string[];
  valid_from: Date;
  valid_to: Date | null;
}

const GRANT_COLUMNS =
  'id, source, source_id, citizen_cf, organization_id, codice_fiscale_org, roles, scope, unit_ids, valid_from, valid_to';

/** TypeORM answers UPDATE … RETURNING as [rows, affected] and INSERT … RETURNING as rows. */
export function returned<T>(result: T[] | [T[], number]): T[] {
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : (result as T[]);
}

function toGrant(r: GrantRow): Grant {
  return {
    id: r.id,
    source: r.source,
    sourceId: r.source_id,
    citizenCf: r.citizen_cf,
    organizationId: r.organization_id,
    organizationCf: r.codice_fiscale_org,
    permissions: r.roles,
    scope: r.scope,
    unitIds: r.unit_ids,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

/** Every query of `access_right`. Each change announces the citizen on ACCESS_RIGHT_CHANNEL when it commits. */
@Injectable()
export class AccessRightRepository {
  constructor(private readonly dataSource: DataSource) {}

  private async announce(manager: EntityManager, citizenCf: string): Promise<void> {
    await manager.query('SELECT pg_notify($1, $2)', [ACCESS_RIGHT_CHANNEL, citizenCf]);
  }

  /**
   * Writes a grant (new, or new terms for the same membership / delega) as of `asOf`; a replayed older event does not
   * overwrite newer terms. Returns the grant when it changed.
   */
  async upsert(manager: EntityManager, g: GrantData, asOf: Date): Promise<Grant | undefined> {
    const rows = await manager.query<GrantRow[]>(
      `INSERT INTO access_right (organization_id, ragione_sociale, codice_fiscale_org, citizen_cf, roles, valid_from,
                                 valid_to, source, source_id, scope, unit_ids, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (source, source_id) DO UPDATE
         SET roles = EXCLUDED.roles, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
             scope = EXCLUDED.scope, unit_ids = EXCLUDED.unit_ids, ragione_sociale = EXCLUDED.ragione_sociale,
             codice_fiscale_org = EXCLUDED.codice_fiscale_org, revoked_at = NULL, expired_at = NULL,
             updated_at = EXCLUDED.updated_at
         WHERE access_right.updated_at <= EXCLUDED.updated_at
       RETURNING ${GRANT_COLUMNS}`,
      [
        g.organizationId,
        g.ragioneSociale,
        g.organizationCf,
        g.citizenCf,
        g.permissions,
        g.validFrom,
        g.validTo,
        g.source,
        g.sourceId,
        g.scope,
        g.unitIds,
        asOf,
      ],
    );
    if (rows.length === 0) return undefined;
    await this.announce(manager, g.citizenCf);
    return toGrant(rows[0]);
  }

  /** Ends a live grant at once; returns it, or undefined when there was none live. */
  async revoke(
    manager: EntityManager,
    source: AccessRightSource,
    sourceId: string,
    at: Date,
  ): Promise<Grant | undefined> {
    const rows = returned(
      await manager.query<GrantRow[] | [GrantRow[], number]>(
        `UPDATE access_right SET revoked_at = $3, updated_at = greatest(updated_at, $3)
        WHERE source = $1 AND source_id = $2 AND revoked_at IS NULL AND expired_at IS NULL
        RETURNING ${GRANT_COLUMNS}`,
        [source, sourceId, at],
      ),
    );
    if (rows.length === 0) return undefined;
    await this.announce(manager, rows[0].citizen_cf);
    return toGrant(rows[0]);
  }

  /**
   * Claims grants whose window has ended and marks them expired, in the caller's transaction. Replicas running the
   * job at once share the rows (FOR UPDATE SKIP LOCKED): each grant expires once.
   */
  async expireDue(manager: EntityManager, now: Date, limit: number): Promise<Grant[]> {
    const rows = returned(
      await manager.query<GrantRow[] | [GrantRow[], number]>(
        `UPDATE access_right SET expired_at = $1
        WHERE id IN (SELECT id FROM access_right
                      WHERE revoked_at IS NULL AND expired_at IS NULL AND valid_to <= $1
                      ORDER BY valid_to LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING ${GRANT_COLUMNS}`,
        [now, limit],
      ),
    );
    for (const cf of new Set(rows.map((r) => r.citizen_cf))) await this.announce(manager, cf);
    return rows.map(toGrant);
  }

  /** The grants of a citizen that are neither revoked nor expired (some may start in the future): the check's input. */
  async liveGrantsOf(citizenCf: string): Promise<Grant[]> {
    const rows = await this.dataSource.query<GrantRow[]>(
      `SELECT ${GRANT_COLUMNS} FROM access_right
        WHERE citizen_cf = $1 AND revoked_at IS NULL AND expired_at IS NULL`,
      [citizenCf],
    );
    return rows.map(toGrant);
  }

  /** Is the citizen the amministratore of the organisation at `at`? Locks nothing. */
  async holds(manager: EntityManager, citizenCf: string, organizationId: string, at: Date): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM access_right
        WHERE citizen_cf = $1 AND organization_id = $2 AND source = 'amministratore'
          AND revoked_at IS NULL AND expired_at IS NULL AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3)
        LIMIT 1`,
      [citizenCf, organizationId, at],
    );
    return rows.length > 0;
  }

  /** The organisations a citizen holds (is amministratore of) at `at`, by name: those they may delegate for. */
  heldBy(manager: EntityManager, citizenCf: string, at: Date): Promise<OrganizationRights[]> {
    return this.byOrganization(manager, citizenCf, at, `AND a.source = 'amministratore'`);
  }

  /** Rights of a citizen valid at `at`, merged per organisation (the union of their permissions), by name. */
  validByOrganization(citizenCf: string, at = new Date()): Promise<OrganizationRights[]> {
    return this.byOrganization(this.dataSource.manager, citizenCf, at, '');
  }

  private async byOrganization(
    manager: EntityManager,
    citizenCf: string,
    at: Date,
    extra: string,
  ): Promise<OrganizationRights[]> {
    const rows = await manager.query<
      Array<{ organization_id: string; ragione_sociale: string; codice_fiscale_org: string; roles: string[] }>
    >(
      `SELECT a.organization_id,
              coalesce(min(o.denominazione), nullif(min(a.ragione_sociale), ''), min(a.codice_fiscale_org))
                AS ragione_sociale,
              coalesce(min(o.codice_fiscale), min(a.codice_fiscale_org)) AS codice_fiscale_org,
              coalesce(array_agg(DISTINCT r ORDER BY r) FILTER (WHERE r IS NOT NULL), '{}') AS roles
         FROM access_right a
         LEFT JOIN organization_ref o ON o.organization_id::text = a.organization_id
         LEFT JOIN LATERAL unnest(a.roles) AS r ON true
        WHERE a.citizen_cf = $1 AND a.revoked_at IS NULL AND a.expired_at IS NULL
          AND a.valid_from <= $2 AND (a.valid_to IS NULL OR a.valid_to > $2) ${extra}
        GROUP BY a.organization_id
        ORDER BY 2`,
      [citizenCf, at],
    );
    return rows.map((r) => ({
      organizationId: r.organization_id,
      ragioneSociale: r.ragione_sociale,
      codiceFiscale: r.codice_fiscale_org,
      roles: r.roles,
    }));
  }
}
