import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import type { EventOf } from '@profila/contracts';
import { type Actor, CommonErrorCode, CommonException } from '@profila/platform';
import { RaaException, RaaExceptionCode } from '../requests/raa.exception.js';
import type { RaaProfile } from './raa-profile.entity.js';
import { RaaProfileRepository } from './raa-profile.repository.js';

export const PROFILE_REQUIRED_MESSAGE =
  'Per inserire richieste di accesso agli atti serve il profilo RAA: invia la «Registrazione avvocati ed enti ' +
  'autorizzati per accesso agli atti» e attendi l’abilitazione da parte di un operatore.';

/** Who may file requests: the RAA profiles enabled in admin-verification. */
@Injectable()
export class RaaProfilesService {
  constructor(
    private readonly profiles: RaaProfileRepository,
    private readonly audit: AuditTrail,
  ) {}

  async approved(manager: EntityManager, event: EventOf<'verification-request.approved'>): Promise<void> {
    const r = event.data;
    if (r.kind !== 'raa') return;
    await this.profiles.upsert(manager, {
      codiceFiscale: r.person.codiceFiscale,
      nome: r.person.nome,
      cognome: r.person.cognome,
      email: r.person.email,
      professione: r.professione,
      provincia: r.territory?.provincia ?? null,
      verificationRequestId: r.requestId,
      enabledAt: new Date(event.occurredAt),
    });
    await this.audit.record(manager, {
      action: 'raa-profile.enabled',
      subject: { type: 'raa-profile', id: r.person.codiceFiscale },
      data: { verificationRequestId: r.requestId },
    });
  }

  find(manager: EntityManager, actor: Actor): Promise<RaaProfile | null> {
    if (actor.kind !== 'citizen') return Promise.resolve(null);
    return this.profiles.find(manager, actor.id);
  }

  /** The caller's enabled profile, or 403 RAA_PROFILE_REQUIRED. */
  async require(manager: EntityManager, actor: Actor): Promise<RaaProfile> {
    if (actor.kind !== 'citizen') throw new CommonException(CommonErrorCode.FORBIDDEN);
    const profile = await this.profiles.find(manager, actor.id);
    if (!profile) throw new RaaException(RaaExceptionCode.RAA_PROFILE_REQUIRED, PROFILE_REQUIRED_MESSAGE);
    return profile;
  }
}
