import { Injectable, type PipeTransform } from '@nestjs/common';
import { isValidCodiceFiscale, normalizeCodiceFiscale } from '@profila/italian';
import { validationFailed } from '@profila/platform';

/** `may <citizen> act for <organisation> with <permission> [on <unit>] at <time>` (the citizen: the caller's own check). */
export interface AccessCheckQuery {
  codiceFiscale: string;
  organizationId: string;
  permission?: string;
  unitId?: string;
  at?: Date;
}

export type OwnAccessCheckQuery = Omit<AccessCheckQuery, 'codiceFiscale' | 'at'>;

const ORGANIZATION_ID = /^[A-Za-z0-9-]{1,64}$/;
const PERMISSION = /^[A-Z_]{2,32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ALLOWED = new Set(['codiceFiscale', 'organizationId', 'permission', 'unitId', 'at']);

/**
 * The check's query, validated by hand: it is the hot path of every guarded request (thousands a second), and a DTO
 * class would cost a class-transformer instance and a class-validator run each time. Same rules and the same
 * 400 VALIDATION_FAILED shape (details.fields) as a DTO; unknown parameters are refused as the global pipe does.
 */
@Injectable()
export class AccessCheckQueryPipe implements PipeTransform<Record<string, unknown>, AccessCheckQuery> {
  constructor(private readonly own = false) {}

  transform(raw: Record<string, unknown>): AccessCheckQuery {
    const fields: Record<string, string> = {};
    const text = (name: string) => (typeof raw[name] === 'string' ? raw[name].trim() : undefined);
    for (const name of Object.keys(raw)) {
      if (!ALLOWED.has(name) || (this.own && (name === 'codiceFiscale' || name === 'at'))) {
        fields[name] = 'Parametro non previsto';
      }
    }
    const cf = this.own ? '' : normalizeCodiceFiscale(text('codiceFiscale') ?? '');
    if (!this.own && !isValidCodiceFiscale(cf)) fields.codiceFiscale = 'Codice fiscale non valido';
    const organizationId = text('organizationId') ?? '';
    if (!ORGANIZATION_ID.test(organizationId)) fields.organizationId = 'Organizzazione non valida';
    const permission = text('permission')?.toUpperCase();
    if (permission !== undefined && !PERMISSION.test(permission)) fields.permission = 'Permesso non valido';
    const unitId = text('unitId')?.toLowerCase();
    if (unitId !== undefined && !UUID.test(unitId)) fields.unitId = 'Unità operativa non valida';
    const atText = text('at');
    const at = atText === undefined ? undefined : new Date(atText);
    if (atText !== undefined && (!ISO_INSTANT.test(atText) || Number.isNaN(at!.getTime()))) {
      fields.at = 'Istante non valido (ISO 8601)';
    }
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
    return { codiceFiscale: cf, organizationId: organizationId.toLowerCase(), permission, unitId, at };
  }
}
