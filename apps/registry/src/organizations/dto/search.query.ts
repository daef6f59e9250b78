import { Injectable, type PipeTransform } from '@nestjs/common';
import { validationFailed } from '@profila/platform';

/** Associa profilo: the text typed (at least 3 characters of the ragione sociale, or a codice fiscale) and Tipo profilo. */
export interface SearchOrganizationsQuery {
  q: string;
  tipo?: 'italiane' | 'estere';
}

export const SEARCH_TEXT_MESSAGE = 'Inserire almeno 3 caratteri della ragione sociale o il codice fiscale';
const TIPI = new Set(['italiane', 'estere']);
const ALLOWED = new Set(['q', 'tipo']);

/**
 * The search query, validated by hand: search runs on every key press of "Associa profilo" (a thousand a second is
 * the target), and a DTO class would cost a class-transformer instance and a class-validator run each time. The
 * rules and messages of the DTO it replaces: `q` trimmed (inner blanks collapsed), 3 to 100 characters; `tipo`
 * italiane or estere; unknown parameters refused ("Campo non previsto", as the global pipe does); 400
 * VALIDATION_FAILED with details.fields.
 */
@Injectable()
export class SearchOrganizationsQueryPipe implements PipeTransform<Record<string, unknown>, SearchOrganizationsQuery> {
  transform(raw: Record<string, unknown>): SearchOrganizationsQuery {
    const fields: Record<string, string> = {};
    for (const name of Object.keys(raw)) if (!ALLOWED.has(name)) fields[name] = 'Campo non previsto';
    const q = typeof raw.q === 'string' ? raw.q.trim().replace(/\s+/g, ' ') : undefined;
    const length = q === undefined ? 0 : [...q].length;
    if (q === undefined || length < 3 || length > 100) fields.q = SEARCH_TEXT_MESSAGE;
    const tipo = raw.tipo;
    if (tipo !== undefined && (typeof tipo !== 'string' || !TIPI.has(tipo))) fields.tipo = 'Tipo profilo non previsto';
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
    return { q: q!, tipo: tipo as SearchOrganizationsQuery['tipo'] };
  }
}
