import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import { IdpLogoutRequestEntity } from './idp-logout-request.entity.js';

/** Every query of `idp_logout_request`: the IdP LogoutRequests already processed. */
@Injectable()
export class IdpLogoutRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Remembers a LogoutRequest; false when the same IdP already sent this ID (a replay). */
  async remember(idp: string, id: string, at: Date, manager?: EntityManager): Promise<boolean> {
    const rows = await (manager ?? this.dataSource.manager).query<unknown[]>(
      'INSERT INTO idp_logout_request (idp, id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id',
      [idp, id, at],
    );
    return rows.length === 1;
  }

  /** Forgets requests received before `before` (older messages are refused by their IssueInstant anyway). */
  async purgeBefore(before: Date): Promise<number> {
    const result = await this.dataSource.getRepository(IdpLogoutRequestEntity).delete({ receivedAt: LessThan(before) });
    return result.affected ?? 0;
  }
}
