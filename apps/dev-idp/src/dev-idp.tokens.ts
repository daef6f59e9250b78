/** DI tokens of the dev IdP (values, not classes). */
export const DEV_IDP_SETTINGS = Symbol('DEV_IDP_SETTINGS');
export const DEV_IDP_CREDENTIALS = Symbol('DEV_IDP_CREDENTIALS');
export const DEV_IDP_CITIZENS = Symbol('DEV_IDP_CITIZENS');
