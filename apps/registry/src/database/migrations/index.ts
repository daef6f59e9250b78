import { AuditTables1763900001000 } from '@profila/audit';
import { MessagingTables1763900000000 } from '@profila/messaging';
import { RegistryTables1763900002000 } from './1763900002000-registry-tables.js';
import { RaaProfiles1763900002100 } from './1763900002100-raa-profiles.js';
import { LegacyImport1763900002200 } from './1763900002200-legacy-import.js';
import { LegacyImportFirst1764600000000 } from './1764600000000-legacy-import-first.js';
import { SearchCoveringIndex1796136312412 } from './1796136312412-search-covering-index.js';
import { SearchNameNotify1796137253606 } from './1796137253606-search-name-notify.js';
import { LegacyAccountRaaDetails1796200000000 } from './1796200000000-legacy-account-raa-details.js';

/** Every migration of the registry database, in order. */
export const REGISTRY_MIGRATIONS = [
  MessagingTables1763900000000,
  AuditTables1763900001000,
  RegistryTables1763900002000,
  RaaProfiles1763900002100,
  LegacyImport1763900002200,
  LegacyImportFirst1764600000000,
  SearchCoveringIndex1796136312412,
  SearchNameNotify1796137253606,
  LegacyAccountRaaDetails1796200000000,
];
