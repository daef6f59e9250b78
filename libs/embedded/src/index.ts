export * from './citizens/test-citizens.js';
export * from './mail/mail-catcher.js';
export * from './platform/embedded-platform.js';
export * from './platform/ports.js';
export * from './postgres/embedded-postgres.server.js';
export * from './s3/s3-credentials.js';
export * from './s3/s3-server.js';
export type { S3Credentials } from './s3/sigv4.js';
