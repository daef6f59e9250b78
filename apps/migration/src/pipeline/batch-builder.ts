import { legacyId, outboxLane, type StagedBatch, type StagedLink } from '#registry/legacy-import';
import type { CompanyRecord, LegacyPersonData, LegacyRecord, RaaRecord, StaffRecord } from './row-decoder.js';

/**
 * Turns decoded records into the rows of the registry's staging tables. Ids are deterministic (legacyId), except
 * for organisations registered in Profila before the import: theirs come from the batch's look-up (`organizations`,
 * CF → id of the organisation found for each CF of the batch) and their data is never staged, so the import only adds
 * units, logins and links to them. Nothing is kept between batches.
 */
export class BatchBuilder {
  /** CF → id of an organisation the import did not create (its id is not the legacy one). */
  private readonly existing = new Map<string, string>();

  constructor(organizations: Map<string, string>) {
    for (const [cf, id] of organizations) if (id !== legacyId('organization', cf)) this.existing.set(cf, id);
  }

  build(records: LegacyRecord[]): StagedBatch {
    const batch: StagedBatch = {
      organizations: [],
      accreditations: [],
      units: [],
      accounts: [],
      people: [],
      links: [],
    };
    const links = new Set<string>();
    const addLink = (link: StagedLink) => {
      if (links.has(link.id)) return;
      links.add(link.id);
      batch.links.push(link);
    };
    const addPerson = (p: LegacyPersonData, first: boolean) => {
      if (first) batch.people.push(p);
    };
    for (const r of records) {
      if (r.kind === 'aziende') this.company(batch, r, addLink, addPerson);
      else if (r.kind === 'operatori') this.staff(batch, r, addLink, addPerson);
      else this.raa(batch, r, addPerson);
    }
    return batch;
  }

  private organizationId(cf: string): string {
    return this.existing.get(cf) ?? legacyId('organization', cf);
  }

  private company(
    batch: StagedBatch,
    r: CompanyRecord,
    addLink: (l: StagedLink) => void,
    addPerson: (p: LegacyPersonData, first: boolean) => void,
  ): void {
    const organizationId = this.organizationId(r.codiceFiscale);
    const lane = outboxLane(organizationId);
    if (r.firstOfOrganization && !this.existing.has(r.codiceFiscale)) {
      batch.organizations.push({
        id: organizationId,
        lane,
        kind: 'azienda-italiana',
        codiceFiscale: r.codiceFiscale,
        ragioneSociale: r.ragioneSociale,
        ragioneSocialeNorm: r.ragioneSocialeNorm,
        tipoEnte: null,
        sedeComune: r.comune.codiceBelfiore,
        sedeProvincia: r.comune.provincia,
        sedeCap: r.cap,
        sedeIndirizzo: r.indirizzo,
        email: r.email,
        pec: r.pec,
      });
    }
    if (r.accreditamento) batch.accreditations.push({ organizationId, lane, tipo: r.accreditamento });
    const unitId = legacyId('unit', `login:${r.username.toLowerCase()}`);
    batch.units.push({
      id: unitId,
      organizationId,
      lane,
      descrizione: `${r.ragioneSociale} - ${r.username}`,
      comune: r.comune.codiceBelfiore,
      cap: r.cap,
      indirizzo: r.indirizzo,
      validFrom: r.validFrom,
    });
    batch.accounts.push({
      username: r.username,
      kind: 'azienda',
      organizationId,
      unitId,
      passwordHash: r.passwordHash,
      passwordScheme: r.passwordScheme,
      email: r.email,
      codiceFiscalePersona: r.referente.codiceFiscale,
      pec: null,
      professione: null,
    });
    addPerson(r.referente, r.firstOfPerson);
    addLink({
      id: legacyId('link', `${organizationId}:${r.referente.codiceFiscale}:referente`),
      organizationId,
      codiceFiscale: r.referente.codiceFiscale,
      ruolo: 'referente',
      unitId: null,
    });
  }

  private staff(
    batch: StagedBatch,
    r: StaffRecord,
    addLink: (l: StagedLink) => void,
    addPerson: (p: LegacyPersonData, first: boolean) => void,
  ): void {
    const organizationId = this.organizationId(r.codiceFiscaleEnte);
    const lane = outboxLane(organizationId);
    if (r.firstOfOrganization && !this.existing.has(r.codiceFiscaleEnte)) {
      batch.organizations.push({
        id: organizationId,
        lane,
        kind: 'ente-operatore',
        codiceFiscale: r.codiceFiscaleEnte,
        ragioneSociale: r.denominazione,
        ragioneSocialeNorm: r.denominazioneNorm,
        tipoEnte: r.tipoEnte,
        sedeComune: r.comune.codiceBelfiore,
        sedeProvincia: r.comune.provincia,
        sedeCap: r.cap,
        sedeIndirizzo: r.indirizzo,
        email: null,
        pec: null,
      });
    }
    const unitId = legacyId('unit', `sede:${r.sedeKey}`);
    if (r.firstOfSede) {
      batch.units.push({
        id: unitId,
        organizationId,
        lane,
        descrizione: r.sedeDescrizione,
        comune: r.comune.codiceBelfiore,
        cap: r.cap,
        indirizzo: r.indirizzo,
        validFrom: r.validFrom,
      });
    }
    batch.accounts.push({
      username: r.username,
      kind: 'operatore',
      organizationId,
      unitId,
      passwordHash: r.passwordHash,
      passwordScheme: r.passwordScheme,
      email: r.email,
      codiceFiscalePersona: r.person.codiceFiscale,
      pec: null,
      professione: null,
    });
    addPerson(r.person, r.firstOfPerson);
    addLink({
      id: legacyId('link', `${organizationId}:${r.person.codiceFiscale}:personale:${unitId}`),
      organizationId,
      codiceFiscale: r.person.codiceFiscale,
      ruolo: 'personale',
      unitId,
    });
  }

  private raa(batch: StagedBatch, r: RaaRecord, addPerson: (p: LegacyPersonData, first: boolean) => void): void {
    batch.accounts.push({
      username: r.username,
      kind: 'raa',
      organizationId: null,
      unitId: null,
      passwordHash: r.passwordHash,
      passwordScheme: r.passwordScheme,
      email: r.email,
      codiceFiscalePersona: r.person.codiceFiscale,
      pec: r.pec,
      professione: r.professione,
    });
    addPerson(r.person, r.firstOfPerson);
  }
}
