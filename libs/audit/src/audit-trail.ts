/**
 * The audit trail writer every service uses (DESIGN.md §4: every state change is audited — who, acting for whom,
 * when, what). It writes in the CALLER's transaction, so the audit row commits together with the change it
 * describes (and with its outbox event), or not at all.
 *
 * Adopting it in a service:
 *   1. migrations: add `AuditTables1763900000100` (from `@profila/audit`) after `MessagingTables1763900000000`;
 *      entities: add `AuditEntry`.
 *   2. the feature module imports `AuditModule`; the service injects `AuditTrail`.
 *   3. inside the use case's transaction:
 *        await this.audit.record(manager, { action: 'delega.accepted', subject: delega.id, data: { ... } });
 *      `actor` and `actingFor` default to the request context's actor (the AuthGuard puts it there; an event
 *      handler runs with the event's actor); pass them only when acting on someone else's behalf.
 *   4. per-actor limits can count the trail: `countRecent(manager, actorId, action, seconds)`.
 */
import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, requestContext, SYSTEM_ACTOR } from '@profila/platform';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditRecord {
  /** `<feature>.<verb>`, e.g. `known-citizens.search`, `delega.accepted`. */
  action: string;
  /** Default: the request context's actor, else the system. */
  actor?: Pick<Actor, 'kind' | 'id'>;
  /** Default: the actor's `actingFor` (the organisation chosen in the session), if any. */
  actingFor?: string | null;
  /** The id of what the action was about. */
  subject?: string | null;
  /** What was asked or what changed. Never secrets, never whole documents. */
  data?: Record<string, unknown>;
}

@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, record: AuditRecord): Promise<AuditEntry> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditTrail.record must be called inside the transaction of the change it audits');
    }
    const ctx = requestContext.get();
    const actor = record.actor ?? ctx?.actor ?? SYSTEM_ACTOR;
    // The context's actor acts for what its session chose; an actor given explicitly, for no one unless told.
    let actingFor = record.actingFor;
    if (actingFor === undefined) actingFor = record.actor ? null : (ctx?.actor?.actingFor ?? null);
    const entry = manager.create(AuditEntry, {
      action: record.action,
      actorKind: actor.kind,
      actorId: actor.id,
      actingFor,
      subject: record.subject ?? null,
      data: record.data ?? {},
      requestId: ctx?.requestId ?? null,
      correlationId: ctx?.correlationId ?? null,
    });
    return manager.save(AuditEntry, entry);
  }

  /** How many times an actor did an action in the last `seconds` (per-actor limits, counted on the trail). */
  async countRecent(manager: EntityManager, actorId: string, action: string, seconds: number): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM audit_entry
       WHERE actor_id = $1 AND action = $2 AND at > now() - make_interval(secs => $3)`,
      [actorId, action, seconds],
    );
    return rows[0].n;
  }
}

/** Import it in the feature modules whose services audit. */
@Module({ providers: [AuditTrail], exports: [AuditTrail] })
export class AuditModule {}
