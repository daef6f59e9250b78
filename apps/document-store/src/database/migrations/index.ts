import { MessagingTables1763900000000 } from '@profila/messaging';

/** Every migration of the document-store database, in order. */
export const DOCUMENT_STORE_MIGRATIONS = [MessagingTables1763900000000];
