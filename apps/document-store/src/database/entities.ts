export const DOCUMENT_STORE_ENTITIES: Array<new () => unknown> = [];
