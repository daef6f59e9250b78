import { Injectable } from '@nestjs/common';
import { type EntityManager, In, LessThan, Not } from 'typeorm';
import type { VerificationKind, VerificationState } from './domain/verification-request.machine.js';
import { VerificationRequest } from './verification-request.entity.js';
import { VerificationStep } from './verification-step.entity.js';

/** An operator's territory as the queue filters it. */
export interface TerritoryScope {
  comuni: string[];
  province: string[];
  /** Also the requests no territory claims (super-operators). */
  unclaimed: boolean;
}

export interface QueueFilter {
  kind?: VerificationKind;
  states: VerificationState[];
  /** Only this provincia (within the operator's territory). */
  provincia?: string;
  /** Waiting for more than this many days. */
  olderThan?: Date;
  limit: number;
}

const CLOSED: VerificationState[] = ['draft', 'approved', 'rejected', 'expired'];

/** Every query of verification_request and verification_step. */
@Injectable()
export class VerificationRequestRepository {
  findById(manager: EntityManager, id: string): Promise<VerificationRequest | null> {
    return manager.findOneBy(VerificationRequest, { id });
  }

  lockById(manager: EntityManager, id: string): Promise<VerificationRequest | null> {
    return manager.findOne(VerificationRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByPecTokenHash(manager: EntityManager, hash: string): Promise<VerificationRequest | null> {
    return manager.findOne(VerificationRequest, { where: { pecTokenHash: hash }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(manager: EntityManager, request: VerificationRequest): Promise<void> {
    await manager.insert(VerificationRequest, request);
  }

  async save(manager: EntityManager, request: VerificationRequest): Promise<void> {
    await manager.save(VerificationRequest, request);
  }

  async addSteps(manager: EntityManager, steps: VerificationStep[]): Promise<void> {
    if (steps.length > 0) await manager.insert(VerificationStep, steps);
  }

  stepsOf(manager: EntityManager, requestId: string): Promise<VerificationStep[]> {
    return manager.find(VerificationStep, { where: { requestId }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }

  ofApplicant(manager: EntityManager, applicantCf: string): Promise<VerificationRequest[]> {
    return manager.find(VerificationRequest, { where: { applicantCf }, order: { createdAt: 'DESC' }, take: 200 });
  }

  /** Another open Responsabile unico request of the person (any PA but `organizationCf`). */
  openResponsabileElsewhere(
    manager: EntityManager,
    personCf: string,
    organizationCf: string,
    exceptId: string | null,
  ): Promise<VerificationRequest | null> {
    return manager.findOneBy(VerificationRequest, {
      kind: 'responsabile-unico',
      personCf,
      organizationCf: Not(organizationCf),
      state: Not(In(CLOSED)),
      ...(exceptId ? { id: Not(exceptId) } : {}),
    });
  }

  /** The queue: the open requests of the territory, oldest waiting first. */
  async queue(manager: EntityManager, scope: TerritoryScope, filter: QueueFilter): Promise<VerificationRequest[]> {
    const qb = manager
      .createQueryBuilder(VerificationRequest, 'r')
      .where('r.state IN (:...states)', { states: filter.states })
      .andWhere(
        `(r.territory_comune = ANY(:comuni) OR r.territory_provincia = ANY(:province)
          OR (:unclaimed AND r.territory_comune IS NULL AND r.territory_provincia IS NULL))`,
        { comuni: scope.comuni, province: scope.province, unclaimed: scope.unclaimed },
      );
    if (filter.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.provincia) qb.andWhere('r.territory_provincia = :provincia', { provincia: filter.provincia });
    if (filter.olderThan) qb.andWhere('r.waiting_since < :olderThan', { olderThan: filter.olderThan });
    return qb.orderBy('r.waiting_since', 'ASC', 'NULLS LAST').addOrderBy('r.id').limit(filter.limit).getMany();
  }

  /** Drafts never sent, unchanged since before `before`, oldest first. */
  staleDrafts(manager: EntityManager, before: Date, limit = 100): Promise<VerificationRequest[]> {
    return manager.find(VerificationRequest, {
      where: { state: 'draft', updatedAt: LessThan(before) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
  }

  /** The draft, locked, if it is still a stale draft (null if changed, sent or in use meanwhile). */
  lockStaleDraft(manager: EntityManager, id: string, before: Date): Promise<VerificationRequest | null> {
    return manager.findOne(VerificationRequest, {
      where: { id, state: 'draft', updatedAt: LessThan(before) },
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
  }

  /** Deletes a draft and its history (steps cascade). */
  async deleteDraft(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager.delete(VerificationRequest, { id, state: 'draft' });
    return (result.affected ?? 0) > 0;
  }

  /** Requests waiting for the applicant past their last day. */
  dueForExpiry(manager: EntityManager, today: string, limit = 100): Promise<VerificationRequest[]> {
    return manager.find(VerificationRequest, {
      where: { state: In(['integration-requested', 'awaiting-pec']), dueDate: LessThan(today) },
      take: limit,
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
  }
}
