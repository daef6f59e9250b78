import type { ComuneRefV1, OrganizationV1 } from '@profila/contracts';
import type { ItalianPlaces } from '../reference-data/italian-places.js';
import type { OrganizationAccreditation } from './accreditation.entity.js';
import type { Organization } from './organization.entity.js';

export function comuneRef(places: ItalianPlaces, code: string | null): ComuneRefV1 | null {
  if (!code) return null;
  const comune = places.comune(code);
  return { codiceBelfiore: code, nome: comune?.nome ?? code, provincia: comune?.provincia ?? 'XX' };
}

/** What every registry.organization.v1 event carries. */
export function organizationPayload(
  places: ItalianPlaces,
  o: Organization,
  accreditations: OrganizationAccreditation[],
  association?: OrganizationV1['association'],
): OrganizationV1 {
  const stato = o.statoEstero ? places.stato(o.statoEstero) : undefined;
  const payload: OrganizationV1 = {
    organizationId: o.id,
    kind: o.kind,
    codiceFiscale: o.codiceFiscale,
    partitaIva: o.partitaIva,
    codiceIdentificativo: o.codiceIdentificativo,
    statoEstero: o.statoEstero ? { codiceBelfiore: o.statoEstero, nome: stato?.nome ?? o.statoEstero } : null,
    denominazione: o.ragioneSociale,
    formaGiuridica: o.formaGiuridica,
    tipoEnte: o.tipoEnte,
    settoreEconomico: o.settoreEconomico,
    tipoAzienda: o.tipoAzienda,
    tipiSoggettoAbilitato: accreditations.map((a) => a.tipo).sort(),
    sedeLegale: {
      indirizzo: o.sedeIndirizzo,
      cap: o.sedeCap,
      comune: comuneRef(places, o.sedeComune),
      citta: o.sedeCitta,
    },
    email: o.email,
    pec: o.pec,
    telefono: o.telefono,
  };
  if (association !== undefined) payload.association = association;
  return payload;
}
