import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@profila/platform';
import { type EmploymentRecord, EmploymentRecords } from './employment-records.js';
import { EmploymentRepository } from './employment.repository.js';

/** Why a worker's employment situation is read (logged with every read). */
export const LOOKUP_REASONS = {
  workerAdded: 'Verifica della presenza del lavoratore in banca dati (inserimento nella richiesta)',
  answerDraft: 'Evasione della richiesta: situazione lavorativa alla data di ricerca',
} as const;

export interface EmploymentRead {
  actor: Actor;
  requestId: string | null;
  reason: string;
}

export interface EmploymentSituation {
  workerCf: string;
  searchDate: string;
  /** Whether the records know the worker at all. */
  known: boolean;
  /** The relationships in course at the search date, the most recent first. */
  current: EmploymentRecord[];
}

/** The one way to read the employment records: every read is logged (who, which request, when, why). */
@Injectable()
export class EmploymentSituations {
  constructor(
    private readonly records: EmploymentRecords,
    private readonly repository: EmploymentRepository,
  ) {}

  async situationAt(
    manager: EntityManager,
    workerCf: string,
    searchDate: string,
    read: EmploymentRead,
  ): Promise<EmploymentSituation> {
    const all = await this.records.relationshipsOf(workerCf);
    const current = all
      .filter((r) => r.startDate <= searchDate && (r.endDate === null || r.endDate >= searchDate))
      .sort((a, b) => b.startDate.localeCompare(a.startDate));
    await this.repository.logLookup(manager, {
      id: randomUUID(),
      workerCf,
      actorKind: read.actor.kind,
      actorId: read.actor.id,
      requestId: read.requestId,
      reason: read.reason,
      searchDate,
      found: all.length,
      lookedAt: new Date(),
    });
    return { workerCf, searchDate, known: all.length > 0, current };
  }
}
