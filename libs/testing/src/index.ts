export * from './free-port.js';
export * from './test-database.js';
export * from './test-platform.js';
export * from './browser.js';
export * from './fake-kafka.js';
export * from './pki.js';
export * from './saml-idp.js';
export * from './dev-idp-login.js';
