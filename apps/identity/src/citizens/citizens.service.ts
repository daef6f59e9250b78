import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CitizenV1 } from '@profila/contracts';
import { OutboxService, outboxInsert } from '@profila/messaging';
import type { SqlStatement } from '../database/sql-statement.js';
import type { Citizen } from './citizen.entity.js';
import { CitizenRepository, type VersionedCitizen } from './citizen.repository.js';
import { CitizensException, CitizensExceptionCode } from './citizens.exception.js';
import type { UpsertCitizenDto } from './dto/upsert-citizen.dto.js';

export interface UpsertOutcome {
  citizen: Citizen;
  created: boolean;
}

/** A login's effect on a citizen, before it is written (see `CitizensService.planLogin`). */
export interface LoginPlan extends UpsertOutcome {
  event?: { type: 'citizen.registered' | 'citizen.updated'; data: CitizenV1 };
}

/** The fields the citizen may edit (Gestione anagrafica); everything else comes from the identity provider. */
export const EDITABLE_FIELDS = ['cittadinanza', 'pec', 'telefono', 'fax', 'titoloStudio'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type EditableData = Partial<Record<EditableField, string | null>>;

/** Identity-provider fields, refreshed at every login. */
const IDP_FIELDS = [
  'nome',
  'cognome',
  'email',
  'sesso',
  'dataNascita',
  'luogoNascita',
  'provinciaNascita',
  'documentoTipo',
  'documentoNumero',
  'documentoRilasciatoDa',
  'documentoDataRilascio',
  'documentoDataScadenza',
  'domicilioIndirizzo',
  'domicilioComune',
  'domicilioProvincia',
  'domicilioCap',
  'cellulare',
  'spidCode',
] as const;

@Injectable()
export class CitizensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly citizens: CitizenRepository,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * A login (or a legacy import) for a codice fiscale: creates the account the first time
   * (`citizen.registered`), refreshes the identity-provider data afterwards (`citizen.updated` when it changed).
   * Values the IdP did not release this time are kept (IdPs release only what the SP asks and the user consents to).
   */
  async recordLogin(codiceFiscale: string, input: UpsertCitizenDto, at = new Date()): Promise<UpsertOutcome> {
    return this.dataSource.transaction((manager) => this.recordLoginIn(manager, codiceFiscale, input, at));
  }

  /** The same, inside the caller's transaction (the ACS opens the session in the same one). */
  async recordLoginIn(
    manager: EntityManager,
    codiceFiscale: string,
    input: UpsertCitizenDto,
    at = new Date(),
  ): Promise<UpsertOutcome> {
    const existing = await this.citizens.findForUpdate(manager, codiceFiscale);
    const plan = this.planLogin(codiceFiscale, input, existing, at);
    if (plan.created) await this.citizens.insert(manager, plan.citizen);
    else await this.citizens.updateLocked(manager, plan.citizen);
    if (plan.event) await this.outbox.add(manager, plan.event.type, codiceFiscale, plan.event.data);
    return { citizen: plan.citizen, created: plan.created };
  }

  /**
   * What a login does to the citizen, decided from the row as read (`existing`, null when there is none): the row to
   * insert or write back (IdP fields refreshed, values not released this time kept) and the event, if any. Pure: the
   * caller writes it (in a transaction holding the row lock, or in one statement guarded by the row version).
   */
  planLogin(codiceFiscale: string, input: UpsertCitizenDto, existing: Citizen | null, at = new Date()): LoginPlan {
    const isLogin = input.source !== 'migration';
    if (!existing) {
      const citizen = this.citizens.create({
        codiceFiscale,
        source: input.source,
        firstLoginAt: isLogin ? at : null,
        lastLoginAt: isLogin ? at : null,
        cittadinanza: null,
        pec: input.pec ?? null,
        telefono: null,
        fax: null,
        titoloStudio: null,
      });
      for (const field of IDP_FIELDS) (citizen as unknown as Record<string, unknown>)[field] = input[field] ?? null;
      return { citizen, created: true, event: { type: 'citizen.registered', data: toEventData(citizen) } };
    }
    const before = JSON.stringify(toEventData(existing));
    const target = existing as unknown as Record<string, unknown>;
    for (const field of IDP_FIELDS) {
      const value = input[field];
      if (value !== undefined && value !== null) target[field] = value;
    }
    if (input.email === null) existing.email = null;
    existing.pec ??= input.pec ?? null;
    if (isLogin) {
      existing.firstLoginAt ??= at;
      existing.lastLoginAt = at;
    }
    const after = toEventData(existing);
    return {
      citizen: existing,
      created: false,
      event: JSON.stringify(after) !== before ? { type: 'citizen.updated', data: after } : undefined,
    };
  }

  /** The citizen and its row version, read without a lock for a login's one-statement write. */
  readForLogin(codiceFiscale: string): Promise<VersionedCitizen | null> {
    return this.citizens.findForLogin(codiceFiscale);
  }

  /**
   * A planned login as parts of one statement: the citizen write (one row when it happened: see
   * `CitizenRepository.loginWritePart`) and its event in the outbox, recorded only if `eventOnlyIf` (the caller's
   * condition that the write happened) holds.
   */
  loginParts(
    st: SqlStatement,
    plan: LoginPlan,
    version: string | null,
    eventOnlyIf: string,
  ): { write: string; event?: string } {
    const write = this.citizens.loginWritePart(st, plan.citizen, plan.created ? null : version);
    if (!plan.event) return { write };
    const event = outboxInsert(
      [{ type: plan.event.type, aggregateId: plan.citizen.codiceFiscale, data: plan.event.data }],
      st.param,
      eventOnlyIf,
    );
    return { write, event: event.sql };
  }

  /** The citizen edits the fields that are theirs (cittadinanza, PEC, telefono, fax, titolo di studio). */
  async updateEditable(codiceFiscale: string, data: EditableData): Promise<Citizen> {
    return this.dataSource.transaction(async (manager) => {
      const citizen = await this.citizens.findForUpdate(manager, codiceFiscale);
      if (!citizen) throw new CitizensException(CitizensExceptionCode.CITIZEN_NOT_FOUND, 'Cittadino non trovato');
      const before = JSON.stringify(toEventData(citizen));
      for (const field of EDITABLE_FIELDS) {
        if (data[field] !== undefined) citizen[field] = data[field] ?? null;
      }
      await this.citizens.save(manager, citizen);
      if (JSON.stringify(toEventData(citizen)) !== before) {
        await this.outbox.add(manager, 'citizen.updated', codiceFiscale, toEventData(citizen));
      }
      return citizen;
    });
  }

  async get(codiceFiscale: string): Promise<Citizen> {
    const citizen = await this.citizens.findByCodiceFiscale(codiceFiscale);
    if (!citizen) throw new CitizensException(CitizensExceptionCode.CITIZEN_NOT_FOUND, 'Cittadino non trovato');
    return citizen;
  }
}

function toEventData(c: Citizen): CitizenV1 {
  return {
    codiceFiscale: c.codiceFiscale,
    nome: c.nome,
    cognome: c.cognome,
    email: c.email,
    source: c.source,
    sesso: c.sesso === 'M' || c.sesso === 'F' ? c.sesso : null,
    dataNascita: c.dataNascita,
    luogoNascita: c.luogoNascita,
    provinciaNascita: c.provinciaNascita,
    cellulare: c.cellulare,
    pec: c.pec,
    cittadinanza: c.cittadinanza,
    telefono: c.telefono,
    fax: c.fax,
    titoloStudio: c.titoloStudio,
  };
}
