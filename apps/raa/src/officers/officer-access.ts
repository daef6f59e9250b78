import { Injectable } from '@nestjs/common';
import type { Actor } from '@profila/platform';
import { RegistryClient } from '../clients/registry.client.js';
import { RaaException, RaaExceptionCode } from '../requests/raa.exception.js';

/** An officer as raa knows them: the province their back-office units serve. */
export interface OfficerContext {
  codiceFiscale: string;
  province: string[];
}

/**
 * Officers are the back office's operators (registry memberships with the BACKOFFICE role on units): asked of the
 * registry at every request, as admin-verification does, so a change there holds at once. An officer handles the
 * requests addressed to a Provincia one of their units serves (`provinceServite`).
 */
@Injectable()
export class OfficerAccess {
  constructor(private readonly registry: RegistryClient) {}

  async resolve(actor: Actor): Promise<OfficerContext> {
    if (actor.kind !== 'citizen') throw notAnOfficer();
    const territory = await this.registry.operatorTerritory(actor.id);
    if (!territory.operatore) throw notAnOfficer();
    const province = new Set<string>();
    for (const unit of territory.units) unit.provinceServite.forEach((p) => province.add(p));
    return { codiceFiscale: actor.id, province: [...province].sort() };
  }

  /** The codici fiscali of the officers whose units serve the provincia (they are mailed on submission). */
  async officersOf(provincia: string): Promise<string[]> {
    const operators = await this.registry.operators();
    return operators
      .filter((o) => o.assignments.some((a) => a.units.some((u) => u.provinceServite.includes(provincia))))
      .map((o) => o.codiceFiscale)
      .sort();
  }
}

function notAnOfficer(): RaaException {
  return new RaaException(
    RaaExceptionCode.NOT_AN_OFFICER,
    'Area riservata ai funzionari: la tua identità digitale non è abilitata al back office.',
  );
}
