import { AuditTables1763900001000 } from '@profila/audit';
import { MessagingTables1763900000000 } from '@profila/messaging';
import { CreateKnownCitizen1763900000300 } from './1763900000300-create-known-citizen.js';
import { CreateAccessRight1763900000310 } from './1763900000310-create-access-right.js';
import { KnownCitizenCfPrefixIndex1763900000320 } from './1763900000320-known-citizen-cf-prefix-index.js';
import { CreateDelegation1763900000330 } from './1763900000330-create-delegation.js';
import { AccessRightGrants1763900000340 } from './1763900000340-access-right-grants.js';

/** Every migration of the delegation database, in order. */
export const DELEGATION_MIGRATIONS = [
  MessagingTables1763900000000,
  AuditTables1763900001000,
  CreateKnownCitizen1763900000300,
  CreateAccessRight1763900000310,
  KnownCitizenCfPrefixIndex1763900000320,
  CreateDelegation1763900000330,
  AccessRightGrants1763900000340,
];
