import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface OperatorUnitRow {
  membershipId: string;
  codiceFiscale: string;
  nome: string | null;
  cognome: string | null;
  roles: string[];
  organizationId: string;
  ragioneSociale: string;
  unitId: string;
  descrizione: string;
  comuniServiti: string[];
  provinceServite: string[];
}

export interface StructureUnitRow {
  organizationId: string;
  ragioneSociale: string;
  tipoEnte: string | null;
  unitId: string | null;
  descrizione: string | null;
  comuniServiti: string[] | null;
  provinceServite: string[] | null;
}

/**
 * The back office's reads over membership, membership_unit, operating_unit and organization: the units where a person
 * holds the BACKOFFICE role (scope `units`: those units; scope `organization`: every current unit), which is their
 * territory. Writes go through MembershipRepository.
 */
@Injectable()
export class OperatorRepository {
  /** Current BACKOFFICE / SUPEROPERATORE memberships with their units, of one person or of everyone. */
  async operatorUnits(manager: EntityManager, codiceFiscale?: string): Promise<OperatorUnitRow[]> {
    const rows = await manager.query<
      Array<{
        membership_id: string;
        codice_fiscale: string;
        nome: string | null;
        cognome: string | null;
        roles: string[];
        organization_id: string;
        ragione_sociale: string;
        unit_id: string | null;
        descrizione: string | null;
        comuni_serviti: string[] | null;
        province_servite: string[] | null;
      }>
    >(
      `SELECT m.id AS membership_id, m.codice_fiscale, m.nome, m.cognome, m.roles, m.organization_id,
              o.ragione_sociale, u.id AS unit_id, u.descrizione, u.comuni_serviti, u.province_servite
         FROM membership m
         JOIN organization o ON o.id = m.organization_id
         LEFT JOIN operating_unit u
           ON u.organization_id = m.organization_id
          AND (m.scope = 'organization'
               OR EXISTS (SELECT 1 FROM membership_unit mu WHERE mu.membership_id = m.id AND mu.unit_id = u.id))
          AND u.valid_from <= current_date AND (u.valid_to IS NULL OR u.valid_to >= current_date)
        WHERE m.revoked_at IS NULL
          AND m.valid_from <= current_date AND (m.valid_to IS NULL OR m.valid_to >= current_date)
          AND m.roles && ARRAY['BACKOFFICE', 'SUPEROPERATORE']::text[]
          AND ($1::text IS NULL OR m.codice_fiscale = $1)
        ORDER BY m.cognome, m.nome, m.codice_fiscale, o.ragione_sociale, u.descrizione`,
      [codiceFiscale ?? null],
    );
    return rows.map((r) => ({
      membershipId: r.membership_id,
      codiceFiscale: r.codice_fiscale,
      nome: r.nome,
      cognome: r.cognome,
      roles: r.roles,
      organizationId: r.organization_id,
      ragioneSociale: r.ragione_sociale,
      unitId: r.unit_id ?? '',
      descrizione: r.descrizione ?? '',
      comuniServiti: r.comuni_serviti ?? [],
      provinceServite: r.province_servite ?? [],
    }));
  }

  /** Regions, Province, agencies and PAs with their current units (the structures operators are assigned to). */
  async structures(manager: EntityManager): Promise<StructureUnitRow[]> {
    const rows = await manager.query<
      Array<{
        organization_id: string;
        ragione_sociale: string;
        tipo_ente: string | null;
        unit_id: string | null;
        descrizione: string | null;
        comuni_serviti: string[] | null;
        province_servite: string[] | null;
      }>
    >(
      `SELECT o.id AS organization_id, o.ragione_sociale, o.tipo_ente, u.id AS unit_id, u.descrizione,
              u.comuni_serviti, u.province_servite
         FROM organization o
         LEFT JOIN operating_unit u
           ON u.organization_id = o.id
          AND u.valid_from <= current_date AND (u.valid_to IS NULL OR u.valid_to >= current_date)
        WHERE o.kind = 'ente-operatore' AND o.tipo_ente IN ('regione', 'provincia', 'agenzia-per-il-lavoro')
        ORDER BY o.ragione_sociale, o.id, u.descrizione`,
    );
    return rows.map((r) => ({
      organizationId: r.organization_id,
      ragioneSociale: r.ragione_sociale,
      tipoEnte: r.tipo_ente,
      unitId: r.unit_id,
      descrizione: r.descrizione,
      comuniServiti: r.comuni_serviti,
      provinceServite: r.province_servite,
    }));
  }
}
