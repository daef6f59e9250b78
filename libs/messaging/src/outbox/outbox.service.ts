import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type EventActor,
  type EventDataMap,
  type EventEnvelope,
  eventDefinition,
  type EventType,
  validateEvent,
} from '@profila/contracts';
import { requestContext, SYSTEM_ACTOR } from '@profila/platform';
import { OUTBOX_LANES } from '../messaging-tables.migration.js';
import { partitionOf } from '../transport/event-transport.js';

export interface NewEvent<T extends EventType = EventType> {
  type: T;
  aggregateId: string;
  data: EventDataMap[T];
  /** Defaults to the request context's actor, else the system. */
  actor?: EventActor;
}

/**
 * Records domain events in the service's outbox table INSIDE the caller's transaction: the state change and its
 * event commit together or not at all. The relay publishes them afterwards.
 */
export class OutboxService {
  async add<T extends EventType>(
    manager: EntityManager,
    type: T,
    aggregateId: string,
    data: EventDataMap[T],
    actor?: EventActor,
  ): Promise<EventEnvelope<T, EventDataMap[T]>> {
    const [event] = await this.addMany(manager, [{ type, aggregateId, data, actor }]);
    return event as EventEnvelope<T, EventDataMap[T]>;
  }

  async addMany(manager: EntityManager, events: NewEvent[]): Promise<EventEnvelope[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.add must be called inside a transaction (manager.transaction(...))');
    }
    if (events.length === 0) return [];
    const params: unknown[] = [];
    const insert = outboxInsert(events, (value) => `$${params.push(value)}`);
    await manager.query(insert.sql, params);
    return insert.envelopes;
  }
}

/** The events' envelopes and the one `INSERT INTO outbox … SELECT` that records them. */
export interface OutboxInsert {
  /** `INSERT INTO outbox (…) SELECT … [WHERE onlyIf]`: a statement, or the body of a data-modifying WITH query. */
  sql: string;
  envelopes: EventEnvelope[];
}

/**
 * The outbox rows of `events` as one INSERT, for a caller that writes its state, its events and its audit in a
 * single SQL statement (data-modifying WITH queries commit together: one statement is one transaction). The
 * envelopes are built and validated exactly as `OutboxService.add` does. `param` registers a value and returns its
 * placeholder (`$n`); `onlyIf`, an SQL condition, makes the rows conditional (e.g. `EXISTS (SELECT 1 FROM written)`:
 * no event when the state change did not happen).
 */
export function outboxInsert(events: NewEvent[], param: (value: unknown) => string, onlyIf?: string): OutboxInsert {
  const ctx = requestContext.get();
  const now = new Date().toISOString();
  const envelopes = events.map((e) => {
    const def = eventDefinition(e.type);
    if (!def) throw new Error(`Unknown event type ${e.type}: add it to the contracts catalog`);
    const envelope: EventEnvelope = {
      id: randomUUID(),
      type: e.type,
      version: def.version,
      occurredAt: now,
      aggregateId: e.aggregateId,
      correlationId: ctx?.correlationId ?? randomUUID(),
      causationId: ctx?.causationId ?? ctx?.requestId ?? null,
      actor: e.actor ?? toEventActor(ctx?.actor) ?? SYSTEM_ACTOR,
      data: e.data,
    };
    validateEvent(envelope); // a producer bug must fail the transaction, not a consumer later
    return { envelope, topic: def.topic };
  });
  const rows = param(
    JSON.stringify(
      envelopes.map((e) => ({ t: e.topic, l: partitionOf(e.envelope.aggregateId, OUTBOX_LANES), e: e.envelope })),
    ),
  );
  const sql = `INSERT INTO outbox (id, topic, key, lane, envelope)
       SELECT (r->'e'->>'id')::uuid, r->>'t', r->'e'->>'aggregateId', (r->>'l')::smallint, r->'e'
       FROM jsonb_array_elements(${rows}::jsonb) AS r${onlyIf ? ` WHERE ${onlyIf}` : ''}`;
  return { sql, envelopes: envelopes.map((e) => e.envelope) };
}

function toEventActor(actor: EventActor | undefined): EventActor | undefined {
  if (!actor) return undefined;
  return actor.actingFor
    ? { kind: actor.kind, id: actor.id, actingFor: actor.actingFor }
    : { kind: actor.kind, id: actor.id };
}
