import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import type { EventOf } from '@profila/contracts';
import { type Actor, CommonErrorCode, CommonException } from '@profila/platform';
import { CitizensException, CitizensExceptionCode } from './citizens.exception.js';
import type { KnownCitizenResponse, KnownCitizenSearchResponse } from './dto/known-citizen.response.js';
import type { KnownCitizen } from './known-citizen.entity.js';
import { KnownCitizenRepository } from './known-citizen.repository.js';

export const SEARCH_ACTION = 'known-citizens.search';
/** Searches one actor may run per window: enough to look up a few delegates, too few to walk the register. */
export const SEARCH_LIMIT_PER_WINDOW = 30;
export const SEARCH_WINDOW_SECONDS = 60;
export const SEARCH_MAX_RESULTS = 20;

/** The read model of citizens who have logged in at least once (a citizen who never did cannot receive a delega). */
@Injectable()
export class KnownCitizensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly citizens: KnownCitizenRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** identity.citizen.v1 → the read model, in the event's transaction. */
  async recordFromIdentity(
    manager: EntityManager,
    event: EventOf<'citizen.registered' | 'citizen.updated'>,
  ): Promise<void> {
    const { codiceFiscale, nome, cognome, email } = event.data;
    await this.citizens.upsert(manager, { codiceFiscale, nome, cognome, email }, event.occurredAt);
  }

  /** A citizen who has logged in at least once, or null (deleghe check their delegate with it). */
  find(manager: EntityManager, codiceFiscale: string): Promise<KnownCitizen | null> {
    return this.citizens.find(manager, codiceFiscale);
  }

  /** The name behind an exact codice fiscale (service API: other services check a delegate exists). */
  async get(codiceFiscale: string): Promise<KnownCitizenResponse> {
    const citizen = await this.citizens.findByCodiceFiscale(codiceFiscale);
    if (!citizen) throw new CitizensException(CitizensExceptionCode.CITIZEN_NEVER_LOGGED_IN);
    return toResponse(citizen);
  }

  /**
   * "Ricerca destinatario": citizens whose codice fiscale starts with `prefix`, at most 20. Each search is audited
   * (who, acting for whom, what was searched, how many answers) in the transaction that reads; the trail is also
   * the per-actor limit, so it holds across replicas: 30 searches a minute, then 429.
   */
  async search(actor: Actor, prefix: string): Promise<KnownCitizenSearchResponse> {
    return this.dataSource.transaction(async (manager) => {
      // One search at a time per actor: concurrent requests cannot all slip under the limit.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${SEARCH_ACTION}:${actor.id}`]);
      const recent = await this.audit.countRecent(manager, actor.id, SEARCH_ACTION, SEARCH_WINDOW_SECONDS);
      if (recent >= SEARCH_LIMIT_PER_WINDOW) throw new CommonException(CommonErrorCode.TOO_MANY_REQUESTS);
      const found = await this.citizens.searchByCodiceFiscalePrefix(manager, prefix, SEARCH_MAX_RESULTS);
      await this.audit.record(manager, {
        action: SEARCH_ACTION,
        actor: { kind: actor.kind, id: actor.id },
        actingFor: actor.actingFor ?? null,
        subject: { type: 'known-citizen-search', id: prefix },
        data: { codiceFiscalePrefix: prefix, results: found.length },
      });
      return { citizens: found.map(toResponse) };
    });
  }
}

function toResponse(citizen: KnownCitizen): KnownCitizenResponse {
  return { codiceFiscale: citizen.codiceFiscale, nome: citizen.nome, cognome: citizen.cognome };
}
