import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { ENVELOPE_SCHEMA, type EventEnvelope } from './envelope.js';
import { EVENT_CATALOG, type EventOf, type EventType } from './events/catalog.js';

export class InvalidEventError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid event: ${problems.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const envelopeValidator: ValidateFunction = ajv.compile(ENVELOPE_SCHEMA);
const definitions = new Map(EVENT_CATALOG.map((d) => [`${d.type}@${d.version}`, d]));
const dataValidators = new Map<string, ValidateFunction>();

/** Payload validators are compiled on first use: a service pays only for the events it touches. */
function dataValidator(key: string): ValidateFunction | undefined {
  let validator = dataValidators.get(key);
  if (!validator) {
    const def = definitions.get(key);
    if (!def) return undefined;
    validator = ajv.compile(def.schema);
    dataValidators.set(key, validator);
  }
  return validator;
}

/**
 * Validates an envelope and its payload against the catalog's JSON Schemas. Consumers call it before handling.
 * The answer is the event map's union: narrowing on `type` types `data`.
 */
export function validateEvent(event: unknown): EventOf<EventType> {
  if (!envelopeValidator(event)) {
    throw new InvalidEventError((envelopeValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
  }
  const env = event as EventEnvelope;
  const validator = dataValidator(`${env.type}@${env.version}`);
  if (!validator) throw new InvalidEventError([`unknown event type ${env.type} v${env.version}`]);
  if (!validator(env.data)) {
    throw new InvalidEventError((validator.errors ?? []).map((e) => `data${e.instancePath} ${e.message}`));
  }
  return env as EventOf<EventType>;
}
