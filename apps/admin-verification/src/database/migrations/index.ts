import { MessagingTables1763900000000 } from '@profila/messaging';

/** Every migration of the admin-verification database, in order. */
export const ADMIN_VERIFICATION_MIGRATIONS = [MessagingTables1763900000000];
