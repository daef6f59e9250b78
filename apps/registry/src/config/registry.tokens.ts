export const REGISTRY_ENV = Symbol('REGISTRY_ENV');
