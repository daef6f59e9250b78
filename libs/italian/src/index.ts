export * from './codice-fiscale.js';
export * from './partita-iva.js';
