// The registry's migration-run code for the legacy import (ADR 0014): the one file of the registry that
// apps/migration may import. Everything it exports writes or reads registry tables on the registry's database.
export * from './legacy-import.repository.js';
export * from './legacy-ids.js';
export * from './legacy-database.js';
export { ItalianPlaces, fold, type Comune } from '../reference-data/italian-places.js';
export type { LegacyAccountKind, LegacyPasswordScheme } from './legacy-account.entity.js';
export { TIPI_SOGGETTO_ABILITATO, TIPI_SOGGETTO_ABILITATO_LABELS } from '../domain/organization-kind.js';
export { hashLegacyPassword, verifyLegacyPassword } from '../domain/legacy-password.js';
