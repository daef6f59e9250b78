import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { escapeLike } from '@profila/persistence';

/** One legacy link of an organisation with its person and unit, as the "Utenti importati" list shows it. */
export interface ImportedPersonRow {
  linkId: string;
  codiceFiscale: string;
  nome: string;
  cognome: string;
  email: string | null;
  dataNascita: string | null;
  luogoNascita: string | null;
  ruolo: 'referente' | 'personale';
  unitId: string | null;
  unitDescrizione: string | null;
  importedAt: Date;
}

export interface ImportedPeoplePage {
  rows: ImportedPersonRow[];
  total: number;
}

/**
 * The read of legacy_person_link / legacy_person (written by the legacy import, ADR 0014) for the organigram: the
 * people the legacy system named for an organisation who are not (or no longer) in its organigram. "Not yet
 * promoted" is derived, not stored: a link whose codice fiscale has a current membership of the organisation is not
 * listed, so adding the person to the organigram is the promotion and revoking them lists them again.
 */
@Injectable()
export class ImportedPersonRepository {
  async pageOf(
    manager: EntityManager,
    organizationId: string,
    search: string | undefined,
    limit: number,
    offset: number,
  ): Promise<ImportedPeoplePage> {
    const pattern = search ? `%${escapeLike(search)}%` : null;
    const rows = await manager.query<
      Array<Omit<ImportedPersonRow, 'importedAt'> & { importedAt: Date; total: string }>
    >(
      `SELECT l.id AS "linkId", l.codice_fiscale AS "codiceFiscale", p.nome, p.cognome, p.email,
              to_char(p.data_nascita, 'YYYY-MM-DD') AS "dataNascita", p.luogo_nascita AS "luogoNascita",
              l.ruolo, u.id AS "unitId", u.descrizione AS "unitDescrizione", l.imported_at AS "importedAt",
              count(*) OVER () AS total
         FROM legacy_person_link l
         JOIN legacy_person p ON p.codice_fiscale = l.codice_fiscale
         LEFT JOIN operating_unit u ON u.id = l.unit_id AND u.organization_id = l.organization_id
        WHERE l.organization_id = $1
          AND NOT EXISTS (SELECT 1 FROM membership m
                           WHERE m.organization_id = l.organization_id AND m.codice_fiscale = l.codice_fiscale
                             AND m.revoked_at IS NULL)
          AND ($2::text IS NULL OR p.cognome ILIKE $2 OR p.nome ILIKE $2 OR l.codice_fiscale ILIKE $2
               OR p.email ILIKE $2 OR u.descrizione ILIKE $2)
        ORDER BY p.cognome, p.nome, l.codice_fiscale, l.id
        LIMIT $3 OFFSET $4`,
      [organizationId, pattern, limit, offset],
    );
    if (rows.length === 0 && offset > 0) {
      // A page past the end: the total still comes from the first page.
      const first = await this.pageOf(manager, organizationId, search, 1, 0);
      return { rows: [], total: first.total };
    }
    return {
      rows: rows.map(({ total: _total, ...row }) => ({ ...row, luogoNascita: row.luogoNascita?.trim() ?? null })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
    };
  }
}
