import { MessagingTables1763900000000 } from '@profila/messaging';
import { CreateDocument1763900000500 } from './1763900000500-create-document.js';
import { UploadClaimsAndDownloadLinks1763900000600 } from './1763900000600-upload-claims-and-download-links.js';

/** Every migration of the document-store database, in order. */
export const DOCUMENT_STORE_MIGRATIONS = [
  MessagingTables1763900000000,
  CreateDocument1763900000500,
  UploadClaimsAndDownloadLinks1763900000600,
];
