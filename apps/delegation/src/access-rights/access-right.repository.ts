import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OrganizationRights {
  organizationId: string;
  ragioneSociale: string;
  codiceFiscale: string;
  roles: string[];
}

/** Every query of `access_right`. */
@Injectable()
export class AccessRightRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Rights of a citizen valid now, merged per organisation (the union of their roles), by ragione sociale. */
  async validNowByOrganization(citizenCf: string): Promise<OrganizationRights[]> {
    const rows = await this.dataSource.query<
      Array<{ organization_id: string; ragione_sociale: string; codice_fiscale_org: string; roles: string[] }>
    >(
      `SELECT organization_id,
              min(ragione_sociale) AS ragione_sociale,
              min(codice_fiscale_org) AS codice_fiscale_org,
              coalesce(array_agg(DISTINCT r ORDER BY r) FILTER (WHERE r IS NOT NULL), '{}') AS roles
         FROM access_right
         LEFT JOIN LATERAL unnest(roles) AS r ON true
        WHERE citizen_cf = $1 AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now())
        GROUP BY organization_id
        ORDER BY min(ragione_sociale)`,
      [citizenCf],
    );
    return rows.map((r) => ({
      organizationId: r.organization_id,
      ragioneSociale: r.ragione_sociale,
      codiceFiscale: r.codice_fiscale_org,
      roles: r.roles,
    }));
  }
}
