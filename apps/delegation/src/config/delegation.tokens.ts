export const DELEGATION_ENV = Symbol('DELEGATION_ENV');
