/** What a document is attached to: a person, an organisation, or a request handled by another service. */
export const DOCUMENT_ENTITY_TYPES = [
  'citizen',
  'organization',
  'association-request',
  'admin-verification-request',
  'raa-request',
  'delega',
] as const;

export type DocumentEntityType = (typeof DOCUMENT_ENTITY_TYPES)[number];

export function isDocumentEntityType(value: unknown): value is DocumentEntityType {
  return typeof value === 'string' && (DOCUMENT_ENTITY_TYPES as readonly string[]).includes(value);
}

/** Requests of other services: their documents are owned by whoever files the request. */
export function isRequestEntity(entityType: DocumentEntityType): boolean {
  return entityType !== 'citizen' && entityType !== 'organization';
}
