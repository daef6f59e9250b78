export * from './free-port.js';
export * from './test-database.js';
export * from './mail-catcher.js';
export * from './s3-server.js';
export * from './platform/embedded-platform.js';
export * from './browser.js';
export * from './fake-kafka.js';
export * from './pki.js';
