import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssociationRequest } from './association-request.entity.js';

/** Every query of `association_request`. */
@Injectable()
export class AssociationRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(request: AssociationRequest): Promise<void> {
    await this.dataSource.getRepository(AssociationRequest).insert(request);
  }

  findByCode(requestCode: string): Promise<AssociationRequest | null> {
    return this.dataSource.getRepository(AssociationRequest).findOneBy({ requestCode });
  }
}
