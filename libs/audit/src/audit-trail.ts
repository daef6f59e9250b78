import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, requestContext, SYSTEM_ACTOR } from '@profila/platform';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditRecord {
  /** `<aggregate>.<verb>`, e.g. `organization.registered`, `known-citizen.searched`. */
  action: string;
  subject: { type: string; id: string };
  /** What changed; no secrets, no document bytes. */
  data?: Record<string, unknown>;
  /** Defaults to the request's actor (the access token's, or the event's in a handler), else the system. */
  actor?: Pick<Actor, 'kind' | 'id' | 'actingFor'>;
  /** Defaults to the actor's acting-as organisation (the one chosen in the session). */
  actingFor?: string | null;
  occurredAt?: Date;
}

/**
 * The one audit writer of Profila. Call it with the EntityManager of the transaction that makes the change, next to
 * the repository writes and the outbox event, so the change, its audit entry and its event commit together:
 *
 *   await dataSource.transaction(async (manager) => {
 *     await this.organizations.insert(manager, organization);
 *     await this.audit.record(manager, { action: 'organization.registered', subject: { type: 'organization', id } });
 *     await this.outbox.add(manager, event);
 *   });
 *
 * A service lists `AuditEntry` among its entities and `AuditTables1763900001000` among its migrations (after
 * MessagingTables), and the feature module imports `AuditModule`. Per-actor limits can count the trail itself
 * (`countRecent`), so they hold across replicas.
 */
@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, record: AuditRecord): Promise<AuditEntry> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditTrail.record must be called inside the transaction of the change it audits');
    }
    const ctx = requestContext.get();
    const actor = record.actor ?? ctx?.actor ?? SYSTEM_ACTOR;
    const entry = manager.create(AuditEntry, {
      occurredAt: record.occurredAt ?? new Date(),
      action: record.action,
      actorKind: actor.kind,
      actorId: actor.id,
      actingFor: record.actingFor !== undefined ? record.actingFor : (actor.actingFor ?? null),
      subjectType: record.subject.type,
      subjectId: record.subject.id,
      data: record.data ?? {},
      requestId: ctx?.requestId ?? null,
      correlationId: ctx?.correlationId ?? null,
    });
    return manager.save(AuditEntry, entry);
  }

  /** How many times an actor did an action in the last `seconds` (per-actor limits counted on the trail). */
  async countRecent(manager: EntityManager, actorId: string, action: string, seconds: number): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM audit_entry
        WHERE actor_id = $1 AND action = $2 AND occurred_at > now() - make_interval(secs => $3)`,
      [actorId, action, seconds],
    );
    return rows[0].n;
  }

  /** The history of one subject, oldest first ("Storico"). Callers scope it to what the reader may see. */
  history(manager: EntityManager, subject: { type: string; id: string }, limit = 500): Promise<AuditEntry[]> {
    return manager.find(AuditEntry, {
      where: { subjectType: subject.type, subjectId: subject.id },
      order: { occurredAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }
}

/** Import it in the feature modules whose services audit. */
@Module({ providers: [AuditTrail], exports: [AuditTrail] })
export class AuditModule {}
