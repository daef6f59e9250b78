import { defineEvent } from '../../event-definition.js';

export const DOCUMENT_TOPIC_V1 = 'document-store.document.v1';

export type DocumentKindV1 =
  'identity-document' | 'signed-declaration' | 'atto-di-nomina' | 'delega-document' | 'raa-attachment';

export type DocumentEntityTypeV1 =
  'citizen' | 'organization' | 'association-request' | 'admin-verification-request' | 'raa-request' | 'delega';

/** Data every document event carries: the document's metadata (never its bytes nor a link to them). */
export interface DocumentV1 {
  documentId: string;
  kind: DocumentKindV1;
  /** What the document belongs to: a citizen, an organisation or a request of another service. */
  entityType: DocumentEntityTypeV1;
  entityId: string;
  /** Codice fiscale of the citizen or organisation that owns the document, when known. */
  ownerId?: string | null;
  /** Name the uploader gave the file. */
  fileName: string;
  size: number;
  /** Detected from the bytes, not declared by the client. */
  contentType: string;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
  /** 1 for the first document of this kind for the entity, then +1 for each replacement. */
  version: number;
  /** The document this one replaces (a new version), if any. */
  supersedesId?: string | null;
}

const documentSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['documentId', 'kind', 'entityType', 'entityId', 'fileName', 'size', 'contentType', 'sha256', 'version'],
  properties: {
    documentId: { type: 'string', format: 'uuid' },
    kind: { enum: ['identity-document', 'signed-declaration', 'atto-di-nomina', 'delega-document', 'raa-attachment'] },
    entityType: {
      enum: ['citizen', 'organization', 'association-request', 'admin-verification-request', 'raa-request', 'delega'],
    },
    entityId: { type: 'string', minLength: 1 },
    ownerId: { type: ['string', 'null'] },
    fileName: { type: 'string', minLength: 1 },
    size: { type: 'integer', minimum: 1 },
    contentType: { type: 'string', minLength: 1 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    version: { type: 'integer', minimum: 1 },
    supersedesId: { type: ['string', 'null'] },
  },
};

export const DocumentStoredV1 = defineEvent({
  type: 'document.stored',
  topic: DOCUMENT_TOPIC_V1,
  version: 1,
  description:
    'A document was uploaded and stored (identity document, signed declaration, atto di nomina, delega document, ' +
    'RAA attachment). When it replaces an earlier version, supersedesId names it.',
  schema: documentSchema,
});

export const DocumentDeletedV1 = defineEvent({
  type: 'document.deleted',
  topic: DOCUMENT_TOPIC_V1,
  version: 1,
  description: 'A document was deleted (soft delete: it can no longer be listed nor downloaded).',
  schema: documentSchema,
});
