import { MessagingTables1763900000000 } from '@profila/messaging';
import { CreateDocument1763900000500 } from './1763900000500-create-document.js';

/** Every migration of the document-store database, in order. */
export const DOCUMENT_STORE_MIGRATIONS = [MessagingTables1763900000000, CreateDocument1763900000500];
