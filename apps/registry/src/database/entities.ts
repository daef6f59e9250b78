export const REGISTRY_ENTITIES: Array<new () => unknown> = [];
