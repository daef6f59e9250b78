export const ADMIN_VERIFICATION_ENTITIES: Array<new () => unknown> = [];
