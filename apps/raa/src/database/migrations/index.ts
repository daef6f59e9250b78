import { MessagingTables1763900000000 } from '@profila/messaging';

/** Every migration of the raa database, in order. */
export const RAA_MIGRATIONS = [MessagingTables1763900000000];
