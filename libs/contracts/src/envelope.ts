/** Who caused an event: a citizen (codice fiscale), an operator, a service or the system. */
export interface EventActor {
  kind: 'citizen' | 'operator' | 'service' | 'system';
  id: string;
  /** Organisation the actor was acting for, if any. */
  actingFor?: string;
}

/** The one envelope of every Profila event, on every transport. */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  /** UUID, unique per event: consumers de-duplicate on it. */
  id: string;
  /** e.g. `citizen.registered`. */
  type: TType;
  /** Version of the payload schema (the topic carries the same major). */
  version: number;
  /** ISO-8601 instant of the state change. */
  occurredAt: string;
  /** Id of the aggregate (organisation, citizen, delega...): the partition key. */
  aggregateId: string;
  /** Id of the user request or flow that led here. */
  correlationId: string;
  /** Id of the event (or request) that directly caused this one. */
  causationId: string | null;
  actor: EventActor;
  data: TData;
}

/** JSON Schema of the envelope (payload validated separately, per type). */
export const ENVELOPE_SCHEMA = {
  $id: 'https://profila.example/schemas/envelope.json',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'version', 'occurredAt', 'aggregateId', 'correlationId', 'causationId', 'actor', 'data'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', pattern: '^[a-z][a-z-]*(\\.[a-z][a-z-]*)+$' },
    version: { type: 'integer', minimum: 1 },
    occurredAt: { type: 'string', format: 'date-time' },
    aggregateId: { type: 'string', minLength: 1 },
    correlationId: { type: 'string', minLength: 1 },
    causationId: { type: ['string', 'null'] },
    actor: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'id'],
      properties: {
        kind: { enum: ['citizen', 'operator', 'service', 'system'] },
        id: { type: 'string' },
        actingFor: { type: 'string' },
      },
    },
    data: { type: 'object' },
  },
} as const;
