import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssociationRequest } from './association-request.entity.js';
import { Association } from './association.entity.js';

/** Every query of association and association_request. */
@Injectable()
export class AssociationRepository {
  active(manager: EntityManager, organizationId: string): Promise<Association | null> {
    return manager.findOneBy(Association, { organizationId, status: 'active' });
  }

  async insert(manager: EntityManager, association: Association): Promise<void> {
    await manager.save(Association, manager.create(Association, association));
  }

  async revoke(manager: EntityManager, association: Association, at: Date, by: string): Promise<void> {
    association.status = 'revoked';
    association.revokedAt = at;
    association.revokedBy = by;
    await manager.update(Association, { id: association.id }, { status: 'revoked', revokedAt: at, revokedBy: by });
  }

  async insertRequest(manager: EntityManager, request: AssociationRequest): Promise<void> {
    await manager.insert(AssociationRequest, request);
  }

  findRequest(manager: EntityManager, requestCode: string): Promise<AssociationRequest | null> {
    return manager.findOneBy(AssociationRequest, { requestCode });
  }
}
