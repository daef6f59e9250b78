// The SAML 2 Service Provider core (SPID / CIE / CPS), free of Nest and of the database: the identity service wires it.
export * from './saml-constants.js';
export * from './spid-level.js';
export * from './spid-attributes.js';
export * from './xml-signature.js';
export * from './bindings.js';
export * from './sp-config.js';
export * from './sp-metadata.js';
export * from './authn-request.js';
export * from './authn-request-store.js';
export * from './saml-validation.error.js';
export * from './idp-registry.js';
export * from './response-validator.js';
export * from './logout.js';
export * from './sp-certificate.js';
