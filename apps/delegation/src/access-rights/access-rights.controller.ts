import { BadRequestException, Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AllowActors } from '@profila/platform';

interface OrganizationRow {
  organization_id: string;
  ragione_sociale: string;
  codice_fiscale_org: string;
  roles: string[];
}

/** Service API: which organisations a citizen may act for now (identity's "Selezione tipologia di utente"). */
@ApiTags('access-rights')
@AllowActors('service')
@Controller('access-rights')
export class AccessRightsController {
  constructor(private readonly dataSource: DataSource) {}

  /** Rights valid now, merged per organisation (the union of their roles). */
  @Get('citizens/:codiceFiscale/organizations')
  async organizationsOf(@Param('codiceFiscale') cf: string) {
    const codiceFiscale = cf.trim().toUpperCase();
    if (!/^[A-Z0-9]{11,16}$/.test(codiceFiscale)) {
      throw new BadRequestException({ code: 'INVALID_CODICE_FISCALE', message: 'Codice fiscale non valido' });
    }
    const rows = await this.dataSource.query<OrganizationRow[]>(
      `SELECT organization_id,
              min(ragione_sociale) AS ragione_sociale,
              min(codice_fiscale_org) AS codice_fiscale_org,
              coalesce(array_agg(DISTINCT r ORDER BY r) FILTER (WHERE r IS NOT NULL), '{}') AS roles
         FROM access_right
         LEFT JOIN LATERAL unnest(roles) AS r ON true
        WHERE citizen_cf = $1 AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now())
        GROUP BY organization_id
        ORDER BY min(ragione_sociale)`,
      [codiceFiscale],
    );
    return {
      organizations: rows.map((r) => ({
        organizationId: r.organization_id,
        ragioneSociale: r.ragione_sociale,
        codiceFiscale: r.codice_fiscale_org,
        roles: r.roles,
      })),
    };
  }
}
