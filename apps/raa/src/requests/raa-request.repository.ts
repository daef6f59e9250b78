import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { RaaState } from './domain/raa-request.machine.js';
import { RaaAttachment } from './raa-attachment.entity.js';
import { RaaRequest } from './raa-request.entity.js';
import { RaaWorker } from './raa-worker.entity.js';

/** Every query of raa_request, raa_worker, raa_attachment and raa_protocol_counter. */
@Injectable()
export class RaaRequestRepository {
  findById(manager: EntityManager, id: string): Promise<RaaRequest | null> {
    return manager.findOneBy(RaaRequest, { id });
  }

  lockById(manager: EntityManager, id: string): Promise<RaaRequest | null> {
    return manager.findOne(RaaRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(manager: EntityManager, request: RaaRequest): Promise<void> {
    await manager.insert(RaaRequest, request);
  }

  async save(manager: EntityManager, request: RaaRequest): Promise<void> {
    await manager.save(RaaRequest, request);
  }

  /** The requester's requests, the newest first (cancelled drafts left out). */
  ofRequester(manager: EntityManager, requesterCf: string): Promise<RaaRequest[]> {
    return manager.find(RaaRequest, {
      where: { requesterCf, state: In<RaaState>(['BOZZA', 'INVIATA', 'EVASA', 'RESPINTA']) },
      order: { createdAt: 'DESC' },
      take: 500,
    });
  }

  /** The officers' queue: sent requests of their province, the oldest waiting first. */
  queue(manager: EntityManager, province: string[], states: RaaState[]): Promise<RaaRequest[]> {
    if (province.length === 0) return Promise.resolve([]);
    return manager.find(RaaRequest, {
      where: { provincia: In(province), state: In(states) },
      order: { submittedAt: 'ASC', id: 'ASC' },
      take: 500,
    });
  }

  workersOf(manager: EntityManager, requestId: string): Promise<RaaWorker[]> {
    return manager.find(RaaWorker, { where: { requestId }, order: { addedAt: 'ASC', id: 'ASC' } });
  }

  async countWorkers(manager: EntityManager, requestIds: string[]): Promise<Map<string, number>> {
    if (requestIds.length === 0) return new Map();
    const rows = await manager
      .createQueryBuilder(RaaWorker, 'w')
      .select('w.request_id', 'requestId')
      .addSelect('count(*)::int', 'n')
      .where('w.request_id IN (:...ids)', { ids: requestIds })
      .groupBy('w.request_id')
      .getRawMany<{ requestId: string; n: number }>();
    return new Map(rows.map((r) => [r.requestId, r.n]));
  }

  findWorker(manager: EntityManager, requestId: string, workerId: string): Promise<RaaWorker | null> {
    return manager.findOneBy(RaaWorker, { requestId, id: workerId });
  }

  findWorkerByCf(manager: EntityManager, requestId: string, codiceFiscale: string): Promise<RaaWorker | null> {
    return manager.findOneBy(RaaWorker, { requestId, codiceFiscale });
  }

  async insertWorker(manager: EntityManager, worker: RaaWorker): Promise<void> {
    await manager.insert(RaaWorker, worker);
  }

  async saveWorkers(manager: EntityManager, workers: RaaWorker[]): Promise<void> {
    await manager.save(RaaWorker, workers);
  }

  async deleteWorker(manager: EntityManager, worker: RaaWorker): Promise<void> {
    await manager.delete(RaaWorker, { id: worker.id });
  }

  attachmentsOf(manager: EntityManager, requestId: string): Promise<RaaAttachment[]> {
    return manager.find(RaaAttachment, { where: { requestId }, order: { addedAt: 'ASC', id: 'ASC' } });
  }

  findAttachment(manager: EntityManager, requestId: string, attachmentId: string): Promise<RaaAttachment | null> {
    return manager.findOneBy(RaaAttachment, { requestId, id: attachmentId });
  }

  findAttachmentByDocument(manager: EntityManager, documentId: string): Promise<RaaAttachment | null> {
    return manager.findOneBy(RaaAttachment, { documentId });
  }

  async insertAttachment(manager: EntityManager, attachment: RaaAttachment): Promise<void> {
    await manager.insert(RaaAttachment, attachment);
  }

  async deleteAttachment(manager: EntityManager, attachment: RaaAttachment): Promise<void> {
    await manager.delete(RaaAttachment, { id: attachment.id });
  }

  /**
   * The next protocol number of the year. The upsert takes the year's counter row and keeps it locked until the
   * caller's transaction ends: concurrent submissions queue on it, so numbers are consecutive and unique, and a
   * rolled-back submission leaves no gap.
   */
  async nextProtocolNumber(manager: EntityManager, year: number): Promise<number> {
    const rows = await manager.query<Array<{ last_number: number }>>(
      `INSERT INTO raa_protocol_counter (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = raa_protocol_counter.last_number + 1
       RETURNING last_number`,
      [year],
    );
    return rows[0].last_number;
  }
}
