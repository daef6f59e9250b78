import { StoredDocument } from '../documents/stored-document.entity.js';
import { AssociationRequest } from '../templates/association-request.entity.js';

export const DOCUMENT_STORE_ENTITIES = [StoredDocument, AssociationRequest];
