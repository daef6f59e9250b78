import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RaaProfile } from './raa-profile.entity.js';

/** Every query of raa_profile. */
@Injectable()
export class RaaProfileRepository {
  find(manager: EntityManager, codiceFiscale: string): Promise<RaaProfile | null> {
    return manager.findOneBy(RaaProfile, { codiceFiscale });
  }

  /** A later approval (a new registration) refreshes the name, e-mail and provincia. */
  async upsert(manager: EntityManager, profile: RaaProfile): Promise<void> {
    await manager.upsert(RaaProfile, profile, ['codiceFiscale']);
  }
}
