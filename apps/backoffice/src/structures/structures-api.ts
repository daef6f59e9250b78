// "Strutture regionali" through the gateway (`/api/admin-verification/operator/structures/...`): a Region /
// Provincia's sedi and CPI (the registry's units with the territory they serve) and its staff.
import { apiRequest } from '@profila/ui';
import type { Structure } from '../verification/api';

const BASE = '/api/admin-verification/operator/structures';

export interface StructureUnit {
  unitId: string;
  descrizione: string;
  comune: string;
  comuneNome: string;
  provincia: string;
  cap: string | null;
  indirizzo: string;
  validaDal: string;
  validaAl: string | null;
  comuniServiti: string[];
  provinceServite: string[];
}

export interface StaffMember {
  codiceFiscale: string;
  nome: string | null;
  cognome: string | null;
  superOperatore: boolean;
  units: Array<{ unitId: string; descrizione: string }>;
}

export interface StructureDetail {
  organizationId: string;
  ragioneSociale: string;
  tipoEnte: string | null;
  units: StructureUnit[];
  staff: StaffMember[];
}

/** The unit form as typed: the served comuni and province are comma-separated codes. */
export interface UnitForm {
  descrizione: string;
  comune: string;
  cap: string;
  indirizzo: string;
  validaDal: string;
  validaAl: string;
  comuniServiti: string;
  provinceServite: string;
}

function codes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

function unitBody(form: UnitForm) {
  return {
    descrizione: form.descrizione,
    comune: form.comune,
    cap: form.cap.trim() || undefined,
    indirizzo: form.indirizzo,
    validaDal: form.validaDal,
    validaAl: form.validaAl.trim() || undefined,
    comuniServiti: codes(form.comuniServiti),
    provinceServite: codes(form.provinceServite),
  };
}

const org = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export const structuresApi = {
  list: () => apiRequest<{ items: Structure[] }>('GET', BASE),
  detail: (id: string) => apiRequest<StructureDetail>('GET', org(id)),
  createUnit: (id: string, form: UnitForm) => apiRequest<StructureDetail>('POST', `${org(id)}/units`, unitBody(form)),
  updateUnit: (id: string, unitId: string, form: UnitForm) =>
    apiRequest<StructureDetail>('PUT', `${org(id)}/units/${encodeURIComponent(unitId)}`, unitBody(form)),
  assignStaff: (id: string, codiceFiscale: string, body: { nome: string; cognome: string; unitIds: string[] }) =>
    apiRequest<StructureDetail>('PUT', `${org(id)}/staff/${encodeURIComponent(codiceFiscale)}`, body),
  removeStaff: (id: string, codiceFiscale: string) =>
    apiRequest<StructureDetail>('DELETE', `${org(id)}/staff/${encodeURIComponent(codiceFiscale)}`),
};

export function unitFormOf(unit: StructureUnit | null): UnitForm {
  return {
    descrizione: unit?.descrizione ?? '',
    comune: unit?.comune ?? '',
    cap: unit?.cap ?? '',
    indirizzo: unit?.indirizzo ?? '',
    validaDal: unit?.validaDal ?? '',
    validaAl: unit?.validaAl ?? '',
    comuniServiti: unit?.comuniServiti.join(', ') ?? '',
    provinceServite: unit?.provinceServite.join(', ') ?? '',
  };
}
