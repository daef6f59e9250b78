export * from './codice-fiscale.js';
export * from './partita-iva.js';
export * from './pec.js';
export * from './validators.js';
export * from './codice-fiscale.pipe.js';
