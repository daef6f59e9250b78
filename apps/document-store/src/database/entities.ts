import { DownloadLink } from '../documents/download-link.entity.js';
import { PendingUpload } from '../documents/pending-upload.entity.js';
import { StoredDocument } from '../documents/stored-document.entity.js';
import { AssociationRequest } from '../templates/association-request.entity.js';

export const DOCUMENT_STORE_ENTITIES = [StoredDocument, PendingUpload, DownloadLink, AssociationRequest];
