export * from './audit-entry.entity.js';
export * from './audit-tables.migration.js';
export * from './audit-trail.js';
