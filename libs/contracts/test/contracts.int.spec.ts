import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { Parser } from '@asyncapi/parser';
import {
  allTopics,
  buildAsyncApiYaml,
  EVENT_CATALOG,
  InvalidEventError,
  isEventType,
  topicOf,
  validateEvent,
} from '@profila/contracts';

const validEvent = () => ({
  id: randomUUID(),
  type: 'citizen.registered',
  version: 1,
  occurredAt: new Date().toISOString(),
  aggregateId: 'RSSMRA80A01H501U',
  correlationId: 'req-1',
  causationId: null,
  actor: { kind: 'system', id: 'system' },
  data: { codiceFiscale: 'RSSMRA80A01H501U', nome: 'Mario', cognome: 'Rossi', email: null, source: 'spid' },
});

describe('event contracts', () => {
  it('every topic carries its version and every type is unique', () => {
    for (const def of EVENT_CATALOG) expect(def.topic).toMatch(new RegExp(`\\.v${def.version}$`));
    expect(new Set(EVENT_CATALOG.map((d) => `${d.type}@${d.version}`)).size).toBe(EVENT_CATALOG.length);
    expect(allTopics()).toContain('identity.citizen.v1');
  });

  it('accepts a valid envelope and refuses a payload that breaks its schema', () => {
    expect(validateEvent(validEvent()).type).toBe('citizen.registered');
    const bad = validEvent();
    bad.data.codiceFiscale = 'not a cf';
    expect(() => validateEvent(bad)).toThrow(InvalidEventError);
    expect(() => validateEvent({ ...validEvent(), type: 'citizen.exploded' })).toThrow(/unknown event type/);
    expect(() => validateEvent({ ...validEvent(), id: 'x' })).toThrow(/uuid/);
  });

  it('generates an AsyncAPI document that the official parser validates, and docs/asyncapi.yaml is up to date', async () => {
    const yaml = buildAsyncApiYaml();
    const { document, diagnostics } = await new Parser().parse(yaml);
    const errors = diagnostics.filter((d) => Number(d.severity) === 0);
    expect(errors).toEqual([]);
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address()),
    ).toEqual(expect.arrayContaining(allTopics()));
    const committed = await readFile('docs/asyncapi.yaml', 'utf8');
    expect(committed).toBe(yaml); // run `npm run asyncapi` after changing a contract
  });

  it('the event map types each envelope by its type and names its topic', () => {
    const event = validateEvent(validEvent());
    expect(isEventType(event.type)).toBe(true);
    expect(isEventType('citizen.exploded')).toBe(false);
    expect(event.type === 'citizen.registered' && event.data.cognome).toBe('Rossi'); // narrowed: data is CitizenV1
    for (const def of EVENT_CATALOG) expect(topicOf(def.type)).toBe(def.topic);
  });
});
