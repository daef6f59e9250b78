import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { RaaProfile } from './raa-profile.entity.js';

/** The queries of the verification grants: raa_profile, and the Responsabile unico column of organization. */
@Injectable()
export class VerificationRepository {
  responsabileOf(manager: EntityManager, codiceFiscale: string): Promise<Organization | null> {
    return manager.findOneBy(Organization, { responsabileUnicoCf: codiceFiscale });
  }

  async setResponsabile(manager: EntityManager, organizationId: string, cf: string | null, at: Date): Promise<void> {
    await manager.update(Organization, { id: organizationId }, { responsabileUnicoCf: cf, updatedAt: at });
  }

  findRaaProfile(manager: EntityManager, codiceFiscale: string): Promise<RaaProfile | null> {
    return manager.findOneBy(RaaProfile, { codiceFiscale });
  }

  async saveRaaProfile(manager: EntityManager, profile: RaaProfile): Promise<void> {
    await manager.save(RaaProfile, profile);
  }
}
