import { Injectable } from '@nestjs/common';
import { type EntityManager, MoreThan } from 'typeorm';
import { LegacyAccount, type LegacyAccountKind } from '../legacy-import/legacy-account.entity.js';
import { LegacyClaimAttempt } from '../legacy-import/legacy-claim-attempt.entity.js';
import { LegacyPerson } from '../legacy-import/legacy-person.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/** Every query of the claim flow on legacy_account, legacy_claim_attempt and the records a claim shows. */
@Injectable()
export class LegacyAccountRepository {
  findLogin(manager: EntityManager, usernameNorm: string, kind: LegacyAccountKind): Promise<LegacyAccount | null> {
    return manager.findOneBy(LegacyAccount, { usernameNorm, kind });
  }

  organization(manager: EntityManager, id: string): Promise<Organization | null> {
    return manager.findOneBy(Organization, { id });
  }

  person(manager: EntityManager, codiceFiscale: string): Promise<LegacyPerson | null> {
    return manager.findOneBy(LegacyPerson, { codiceFiscale });
  }

  async attemptsSince(manager: EntityManager, since: Date, by: { citizenCf?: string; usernameNorm?: string }) {
    return manager.countBy(LegacyClaimAttempt, { ...by, succeeded: false, attemptedAt: MoreThan(since) });
  }

  async recordAttempt(manager: EntityManager, citizenCf: string, usernameNorm: string, succeeded: boolean) {
    await manager.insert(LegacyClaimAttempt, { citizenCf, usernameNorm, succeeded, attemptedAt: new Date() });
  }

  /** Marks the login claimed by the citizen unless another one claimed it first (true when it is theirs). */
  async claim(manager: EntityManager, username: string, citizenCf: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(LegacyAccount)
      .set({ claimedBy: citizenCf, claimedAt: () => 'now()' })
      .where('username = :username AND (claimed_by IS NULL OR claimed_by = :citizenCf)', { username, citizenCf })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
