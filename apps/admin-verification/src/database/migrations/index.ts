import { AuditTables1763900001000 } from '@profila/audit';
import { MessagingTables1763900000000 } from '@profila/messaging';
import { VerificationRequests1763900004000 } from './1763900004000-verification-requests.js';
import { StaleDrafts1763900004100 } from './1763900004100-stale-drafts.js';

/** Every migration of the admin-verification database, in order. */
export const ADMIN_VERIFICATION_MIGRATIONS = [
  MessagingTables1763900000000,
  AuditTables1763900001000,
  VerificationRequests1763900004000,
  StaleDrafts1763900004100,
];
