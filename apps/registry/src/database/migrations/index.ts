import { MessagingTables1763900000000 } from '@profila/messaging';

/** Every migration of the registry database, in order. */
export const REGISTRY_MIGRATIONS = [MessagingTables1763900000000];
