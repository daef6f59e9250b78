export * from './embedded-postgres.server.js';
export * from './data-source-options.js';
export * from './database.module.js';
