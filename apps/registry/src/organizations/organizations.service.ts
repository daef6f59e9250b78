import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import { isValidCodiceFiscale, normalizeCodiceFiscale } from '@profila/italian';
import { OutboxService } from '@profila/messaging';
import { type Actor, validationFailed } from '@profila/platform';
import { OrganizationAccess } from '../common/organization-access.js';
import { isCurrent, mayEdit } from '../common/membership-rules.js';
import { personMismatches } from '../common/person-check.js';
import { MembershipRepository } from '../memberships/membership.repository.js';
import { fold } from '../reference-data/italian-places.js';
import { ReferenceDataService } from '../reference-data/reference-data.service.js';
import type { OrganizationAccreditation } from './accreditation.entity.js';
import {
  KIND_LABELS,
  TIPI_SOGGETTO_ABILITATO_LABELS,
  type TipoSoggettoAbilitato,
} from '../domain/organization-kind.js';
import type {
  HistoryEntryResponse,
  MyProfileResponse,
  OrganizationHitResponse,
  OrganizationResponse,
} from './dto/organization.response.js';
import type { LegalRepresentativeDto } from './dto/person.dto.js';
import type {
  RegisterEnteOperatoreDto,
  RegisterForeignCompanyDto,
  RegisterItalianCompanyDto,
  RegisterPublicAdministrationDto,
} from './dto/register-organization.dto.js';
import type { UpdateOrganizationDto } from './dto/update-organization.dto.js';
import type { LegalRepresentative } from './legal-representative.entity.js';
import { NameIndexFeed } from './name-index.feed.js';
import { organizationPayload } from './organization-payload.js';
import { Organization } from './organization.entity.js';
import { OrganizationRepository } from './organization.repository.js';
import { OrganizationsException } from './organizations.exception.js';

const SEARCH_LIMIT = 20;
const UNIQUE_VIOLATION = '23505';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
    private readonly access: OrganizationAccess,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
    private readonly reference: ReferenceDataService,
    private readonly names: NameIndexFeed,
  ) {}

  /** Associa profilo: any citizen, minimal fields. A codice fiscale (or foreign code) is looked up exactly. */
  async search(q: string, tipo?: 'italiane' | 'estere'): Promise<OrganizationHitResponse[]> {
    const foreign = tipo === undefined ? undefined : tipo === 'estere';
    const code = normalizeCodiceFiscale(q);
    const manager = this.dataSource.manager;
    const hits =
      isValidCodiceFiscale(code) || /^\d{11}$/.test(code)
        ? await this.organizations.searchByCode(manager, code, foreign, SEARCH_LIMIT)
        : await this.searchByName(manager, fold(q), foreign);
    const places = this.reference.places;
    return hits.map((h) => ({
      id: h.id,
      kind: h.kind,
      ragioneSociale: h.ragioneSociale,
      codiceFiscale: h.codiceFiscale ?? h.codiceIdentificativo ?? '',
      comune: h.sedeComune ? (places.comune(h.sedeComune)?.nome ?? h.sedeComune) : h.sedeCitta,
    }));
  }

  /**
   * Names starting with the text (PostgreSQL, C-collation order), then names containing it: candidates from this
   * replica's in-memory name index checked again on the table, or the trigram index while the name index is not
   * ready (ADR 0015).
   */
  private async searchByName(manager: EntityManager, text: string, foreign: boolean | undefined) {
    const starting = await this.organizations.searchStarting(manager, text, foreign, SEARCH_LIMIT);
    if (starting.length >= SEARCH_LIMIT) return starting;
    const wanted = SEARCH_LIMIT - starting.length;
    const index = this.names.ready;
    const containing = index
      ? await this.organizations.containingAmong(manager, index.containing(text, foreign, wanted), text, foreign)
      : await this.organizations.searchContaining(manager, text, foreign, wanted);
    return [...starting, ...containing];
  }

  registerItalian(dto: RegisterItalianCompanyDto): Promise<Organization> {
    this.assertSede(dto.provincia, dto.comune, dto.cap);
    return this.register(
      this.newOrganization('azienda-italiana', dto, {
        codiceFiscale: dto.codiceFiscale,
        partitaIva: dto.partitaIva ?? (/^\d{11}$/.test(dto.codiceFiscale) ? dto.codiceFiscale : null),
        settoreEconomico: dto.settoreEconomico ?? null,
        tipoAzienda: dto.tipoAzienda ?? null,
        sedeComune: dto.comune,
        sedeProvincia: dto.provincia,
        sedeCap: dto.cap ?? null,
        email: dto.email,
        pec: dto.pec ?? null,
      }),
      dto.tipiSoggettoAbilitato ?? [],
    );
  }

  registerForeign(dto: RegisterForeignCompanyDto): Promise<Organization> {
    if (!this.reference.places.stato(dto.statoEstero))
      throw validationFailed({ statoEstero: 'Stato estero inesistente' });
    return this.register(
      this.newOrganization('azienda-estera', dto, {
        codiceIdentificativo: dto.codiceIdentificativo,
        statoEstero: dto.statoEstero,
        sedeCitta: dto.citta,
        sedeCap: dto.cap ?? null,
        email: dto.email,
      }),
      [],
    );
  }

  registerEnte(dto: RegisterEnteOperatoreDto): Promise<Organization> {
    this.assertSede(dto.provincia, dto.comune, dto.cap);
    return this.register(
      this.newOrganization('ente-operatore', dto, {
        codiceFiscale: dto.codiceFiscale,
        partitaIva: /^\d{11}$/.test(dto.codiceFiscale) ? dto.codiceFiscale : null,
        tipoEnte: dto.tipoEnte,
        formaGiuridica: dto.formaGiuridica ?? null,
        sedeComune: dto.comune,
        sedeProvincia: dto.provincia,
        sedeCap: dto.cap ?? null,
        email: dto.email,
        pec: dto.pec ?? null,
      }),
      dto.tipiSoggettoAbilitato ?? [],
    );
  }

  registerPublicAdministration(dto: RegisterPublicAdministrationDto): Promise<Organization> {
    this.assertSede(dto.provincia, dto.comune, dto.cap);
    return this.register(
      this.newOrganization('pubblica-amministrazione', dto, {
        codiceFiscale: dto.codiceFiscale,
        codiceIpa: dto.codiceIpa ?? null,
        sedeComune: dto.comune,
        sedeProvincia: dto.provincia,
        sedeCap: dto.cap ?? null,
        email: dto.email,
        pec: dto.pec ?? null,
      }),
      ['datore-di-lavoro-pubblico'],
    );
  }

  /** "I tuoi profili": the organisations the citizen may act for now. */
  async myProfiles(actor: Actor): Promise<MyProfileResponse[]> {
    const manager = this.dataSource.manager;
    const now = new Date();
    const memberships = (await this.memberships.activeOfPerson(manager, actor.id)).filter((m) => isCurrent(m, now));
    const ids = memberships.map((m) => m.organizationId);
    const organizations = new Map((await this.organizations.findByIds(manager, ids)).map((o) => [o.id, o]));
    const accreditations = await this.organizations.accreditationsOfMany(manager, ids);
    return memberships.flatMap((m) => {
      const o = organizations.get(m.organizationId);
      if (!o) return [];
      const code = o.codiceFiscale ?? o.codiceIdentificativo ?? '';
      return [
        {
          organizationId: o.id,
          profilo: `${o.ragioneSociale} (${code})`,
          ragioneSociale: o.ragioneSociale,
          codiceFiscale: code,
          tipoProfilo: KIND_LABELS[o.kind],
          tipiSoggettoAbilitato: accreditations
            .filter((a) => a.organizationId === o.id)
            .map((a) => TIPI_SOGGETTO_ABILITATO_LABELS[a.tipo] ?? a.tipo),
          ruolo: m.kind,
          roles: m.roles,
        },
      ];
    });
  }

  async detail(actor: Actor, id: string): Promise<OrganizationResponse> {
    const manager = this.dataSource.manager;
    const grant = await this.access.read(manager, actor, id);
    const [accreditations, representative] = await Promise.all([
      this.organizations.accreditationsOf(manager, id),
      this.organizations.findLegalRepresentative(manager, id),
    ]);
    const editable = grant.membership === null || mayEdit(grant.membership, grant.unitIds, []);
    return this.toResponse(grant.organization, accreditations, representative, editable);
  }

  /** Dati azienda (and Tipologia azienda for the declared types). */
  async update(actor: Actor, id: string, dto: UpdateOrganizationDto): Promise<OrganizationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { organization: o } = await this.access.edit(manager, actor, id, [], true);
      const foreign = o.kind === 'azienda-estera';
      const fields: Record<string, string> = {};
      if (foreign && (dto.comune || dto.provincia))
        fields.comune = 'Un’azienda estera ha la sede all’estero: indicare la città';
      if (!foreign && dto.citta) fields.citta = 'Indicare il comune della sede legale';
      if (Object.keys(fields).length > 0) throw validationFailed(fields);
      const before = snapshot(o);
      if (!foreign && (dto.comune || dto.provincia || dto.cap)) {
        const comune = dto.comune ?? o.sedeComune!;
        const provincia =
          dto.provincia ?? (dto.comune ? this.reference.places.comune(comune)?.provincia : o.sedeProvincia) ?? '';
        const cap = dto.cap ?? (dto.comune ? undefined : (o.sedeCap ?? undefined));
        this.assertSede(provincia, comune, cap);
        o.sedeComune = comune;
        o.sedeProvincia = provincia;
        o.sedeCap = cap ?? null;
      }
      if (dto.provinciaRiferimento && !this.reference.places.provincia(dto.provinciaRiferimento)) {
        throw validationFailed({ provinciaRiferimento: 'Provincia inesistente' });
      }
      if (dto.ragioneSociale !== undefined) {
        o.ragioneSociale = dto.ragioneSociale;
        o.ragioneSocialeNorm = fold(dto.ragioneSociale);
      }
      if (foreign && dto.cap !== undefined) o.sedeCap = dto.cap;
      if (dto.indirizzo !== undefined) o.sedeIndirizzo = dto.indirizzo;
      if (dto.citta !== undefined) o.sedeCitta = dto.citta;
      if (dto.email !== undefined) o.email = dto.email;
      if (dto.pec !== undefined) o.pec = dto.pec;
      if (dto.telefono !== undefined) o.telefono = dto.telefono;
      if (dto.fax !== undefined) o.fax = dto.fax;
      if (dto.provinciaRiferimento !== undefined) o.provinciaRiferimento = dto.provinciaRiferimento;
      if (dto.settoreEconomico !== undefined) o.settoreEconomico = dto.settoreEconomico;
      if (dto.tipoAzienda !== undefined) o.tipoAzienda = dto.tipoAzienda;
      if (dto.formaGiuridica !== undefined) o.formaGiuridica = dto.formaGiuridica;
      o.updatedAt = new Date();
      await this.organizations.update(manager, o);
      if (dto.tipiSoggettoAbilitato) {
        await this.organizations.replaceDeclaredAccreditations(manager, id, dto.tipiSoggettoAbilitato);
      }
      const accreditations = await this.organizations.accreditationsOf(manager, id);
      await this.audit.record(manager, {
        action: 'organization.updated',
        subject: { type: 'organization', id },
        data: { changes: diff(before, snapshot(o)), tipiSoggettoAbilitato: accreditations.map((a) => a.tipo) },
      });
      await this.outbox.add(
        manager,
        'organization.updated',
        id,
        organizationPayload(this.reference.places, o, accreditations),
      );
      const representative = await this.organizations.findLegalRepresentative(manager, id);
      return this.toResponse(o, accreditations, representative, true);
    });
  }

  /** Rappresentante legale: birth date and place must be the ones the codice fiscale encodes. */
  async setLegalRepresentative(actor: Actor, id: string, dto: LegalRepresentativeDto): Promise<OrganizationResponse> {
    const mismatches = personMismatches(dto);
    if (Object.keys(mismatches).length > 0) throw validationFailed(mismatches);
    return this.dataSource.transaction(async (manager) => {
      const { organization } = await this.access.edit(manager, actor, id, [], true);
      const representative: LegalRepresentative = {
        organizationId: id,
        codiceFiscale: dto.codiceFiscale,
        nome: dto.nome,
        cognome: dto.cognome,
        dataNascita: dto.dataNascita,
        luogoNascita: dto.luogoNascita,
        updatedAt: new Date(),
      };
      await this.organizations.saveLegalRepresentative(manager, representative);
      await this.audit.record(manager, {
        action: 'organization.legal-representative-saved',
        subject: { type: 'organization', id },
        data: { codiceFiscale: dto.codiceFiscale, nome: dto.nome, cognome: dto.cognome },
      });
      const accreditations = await this.organizations.accreditationsOf(manager, id);
      await this.outbox.add(
        manager,
        'organization.updated',
        id,
        organizationPayload(this.reference.places, organization, accreditations),
      );
      return this.toResponse(organization, accreditations, representative, true);
    });
  }

  /** Storico: every change to the organisation, its units and its organigram, oldest first. */
  async history(actor: Actor, id: string): Promise<HistoryEntryResponse[]> {
    const manager = this.dataSource.manager;
    await this.access.read(manager, actor, id);
    const entries = await this.audit.history(manager, { type: 'organization', id });
    return entries.map((e) => ({
      occurredAt: e.occurredAt.toISOString(),
      action: e.action,
      actorKind: e.actorKind,
      actorId: e.actorId,
      actingFor: e.actingFor,
      data: e.data,
    }));
  }

  private assertSede(provincia: string, comune: string, cap: string | undefined): void {
    const places = this.reference.places;
    const fields: Record<string, string> = {};
    const found = places.comune(comune);
    if (!places.provincia(provincia)) fields.provincia = 'Provincia inesistente';
    if (!found) fields.comune = 'Comune inesistente o non più attivo';
    else if (found.provincia !== provincia) fields.comune = `Il comune non appartiene alla provincia ${provincia}`;
    if (found && cap && !places.capMatches(comune, cap)) {
      fields.cap = `Il CAP ${cap} non corrisponde al comune di ${found.nome}`;
    }
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
  }

  private newOrganization(
    kind: Organization['kind'],
    dto: { ragioneSociale: string; indirizzo: string; telefono?: string; fax?: string },
    values: Partial<Organization>,
  ): Organization {
    const now = new Date();
    return {
      id: randomUUID(),
      kind,
      codiceFiscale: null,
      partitaIva: null,
      codiceIdentificativo: null,
      statoEstero: null,
      ragioneSociale: dto.ragioneSociale,
      ragioneSocialeNorm: fold(dto.ragioneSociale),
      formaGiuridica: null,
      tipoEnte: null,
      settoreEconomico: null,
      tipoAzienda: null,
      sedeComune: null,
      sedeProvincia: null,
      sedeCitta: null,
      sedeCap: null,
      sedeIndirizzo: dto.indirizzo,
      email: null,
      pec: null,
      telefono: dto.telefono ?? null,
      fax: dto.fax ?? null,
      provinciaRiferimento: null,
      codiceIpa: null,
      responsabileUnicoCf: null,
      createdAt: now,
      updatedAt: now,
      ...values,
    };
  }

  private async register(organization: Organization, tipi: TipoSoggettoAbilitato[]): Promise<Organization> {
    try {
      const registered = await this.dataSource.transaction(async (manager) => {
        const existing = await this.existing(manager, organization);
        if (existing) throw OrganizationsException.alreadyRegistered(existing.id);
        await this.organizations.insert(manager, organization);
        await this.organizations.replaceDeclaredAccreditations(manager, organization.id, tipi);
        const accreditations = await this.organizations.accreditationsOf(manager, organization.id);
        await this.audit.record(manager, {
          action: 'organization.registered',
          subject: { type: 'organization', id: organization.id },
          data: { kind: organization.kind, ...snapshot(organization), tipiSoggettoAbilitato: tipi },
        });
        await this.outbox.add(
          manager,
          'organization.registered',
          organization.id,
          organizationPayload(this.reference.places, organization, accreditations),
        );
        return organization;
      });
      this.names.registered(registered.id, registered.kind === 'azienda-estera', registered.ragioneSocialeNorm);
      return registered;
    } catch (error) {
      // Two registrations of the same code at once: the unique index lets one through.
      if (isUniqueViolation(error)) {
        const existing = await this.existing(this.dataSource.manager, organization);
        throw OrganizationsException.alreadyRegistered(existing?.id ?? '');
      }
      throw error;
    }
  }

  private existing(manager: EntityManager, o: Organization): Promise<Organization | null> {
    return o.kind === 'azienda-estera'
      ? this.organizations.findForeign(manager, o.statoEstero!, o.codiceIdentificativo!)
      : this.organizations.findByCodiceFiscale(manager, o.codiceFiscale!);
  }

  private toResponse(
    o: Organization,
    accreditations: OrganizationAccreditation[],
    representative: LegalRepresentative | null,
    editable: boolean,
  ): OrganizationResponse {
    const places = this.reference.places;
    const comune = o.sedeComune ? places.comune(o.sedeComune) : undefined;
    const stato = o.statoEstero ? places.stato(o.statoEstero) : undefined;
    const birthComune = representative ? places.comune(representative.luogoNascita) : undefined;
    const birthStato = representative ? places.stato(representative.luogoNascita) : undefined;
    return {
      id: o.id,
      kind: o.kind,
      tipoProfilo: KIND_LABELS[o.kind],
      codiceFiscale: o.codiceFiscale,
      partitaIva: o.partitaIva,
      codiceIdentificativo: o.codiceIdentificativo,
      statoEstero: o.statoEstero ? { codiceBelfiore: o.statoEstero, nome: stato?.nome ?? o.statoEstero } : null,
      ragioneSociale: o.ragioneSociale,
      formaGiuridica: o.formaGiuridica,
      tipoEnte: o.tipoEnte,
      settoreEconomico: o.settoreEconomico,
      tipoAzienda: o.tipoAzienda,
      comune: comune ? { codiceBelfiore: comune.codiceBelfiore, nome: comune.nome, provincia: comune.provincia } : null,
      citta: o.sedeCitta,
      cap: o.sedeCap,
      indirizzo: o.sedeIndirizzo,
      email: o.email,
      pec: o.pec,
      telefono: o.telefono,
      fax: o.fax,
      provinciaRiferimento: o.provinciaRiferimento,
      codiceIpa: o.codiceIpa,
      tipiSoggettoAbilitato: accreditations.map((a) => ({
        tipo: a.tipo,
        label: TIPI_SOGGETTO_ABILITATO_LABELS[a.tipo] ?? a.tipo,
        readOnly: a.source === 'legacy',
      })),
      rappresentanteLegale: representative
        ? {
            codiceFiscale: representative.codiceFiscale,
            nome: representative.nome,
            cognome: representative.cognome,
            dataNascita: representative.dataNascita,
            luogoNascitaCodice: representative.luogoNascita,
            luogoNascita: birthComune
              ? { codiceBelfiore: birthComune.codiceBelfiore, nome: birthComune.nome, provincia: birthComune.provincia }
              : birthStato
                ? { codiceBelfiore: birthStato.codiceBelfiore, nome: birthStato.nome }
                : null,
          }
        : null,
      sezioniSbloccate: representative !== null,
      modificabile: editable,
    };
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
}

function snapshot(o: Organization): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ragioneSocialeNorm: _n, id: _id, ...rest } = o;
  return rest;
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (before[key] !== value) changes[key] = { da: before[key] ?? null, a: value ?? null };
  }
  return changes;
}
