export const RAA_ENTITIES: Array<new () => unknown> = [];
