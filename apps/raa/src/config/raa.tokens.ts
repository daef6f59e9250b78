export const RAA_ENV = Symbol('RAA_ENV');
