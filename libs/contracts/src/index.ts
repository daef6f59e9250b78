export * from './envelope.js';
export * from './event-definition.js';
export * from './events/catalog.js';
export * from './events/identity/citizen.v1.js';
export * from './events/document-store/document.v1.js';
export * from './event-validator.js';
export * from './asyncapi.js';
