/** Injection tokens of the migration CLI. */
export const REGISTRY_POOL = Symbol('REGISTRY_POOL');
export const ITALIAN_PLACES = Symbol('ITALIAN_PLACES');
export const MIGRATION_ENV = Symbol('MIGRATION_ENV');
