/** JSON Schema object (draft 2020-12 subset used by Profila). */
export type JsonSchema = Record<string, unknown>;

export interface EventDefinition<TType extends string = string> {
  type: TType;
  /** Versioned topic, `<service>.<aggregate>.v<major>`. */
  topic: string;
  version: number;
  description: string;
  /** JSON Schema of `data`. */
  schema: JsonSchema;
}

export function defineEvent<TType extends string>(def: EventDefinition<TType>): EventDefinition<TType> {
  if (!/^[a-z-]+\.[a-z-]+\.v\d+$/.test(def.topic)) throw new Error(`Bad topic name: ${def.topic}`);
  if (!def.topic.endsWith(`.v${def.version}`))
    throw new Error(`Topic ${def.topic} does not carry version ${def.version}`);
  return def;
}
