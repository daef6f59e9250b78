export * from './database-admin.js';
export * from './data-source-options.js';
export * from './database.module.js';
export * from './pool-query.js';
export * from './like-pattern.js';
