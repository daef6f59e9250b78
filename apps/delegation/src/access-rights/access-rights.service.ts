import { Injectable } from '@nestjs/common';
import type { AccessRightOrganizationsResponse } from '@profila/contracts';
import { AccessRightRepository } from './access-right.repository.js';

@Injectable()
export class AccessRightsService {
  constructor(private readonly accessRights: AccessRightRepository) {}

  /** The organisations a citizen may act for now ("Selezione tipologia di utente"). */
  async organizationsOf(codiceFiscale: string): Promise<AccessRightOrganizationsResponse> {
    return { organizations: await this.accessRights.validNowByOrganization(codiceFiscale) };
  }
}
