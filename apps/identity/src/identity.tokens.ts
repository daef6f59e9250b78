/** DI tokens of values that are not classes. */
export const IDENTITY_ENV = Symbol('IDENTITY_ENV');
export const SP_CONFIG = Symbol('SP_CONFIG');
