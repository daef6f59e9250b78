import { AuditTables1763900001000 } from '@profila/audit';
import { MessagingTables1763900000000 } from '@profila/messaging';
import { RaaRequests1763900006000 } from './1763900006000-raa-requests.js';

/** Every migration of the raa database, in order. */
export const RAA_MIGRATIONS = [MessagingTables1763900000000, AuditTables1763900001000, RaaRequests1763900006000];
