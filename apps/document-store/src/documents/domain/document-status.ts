/**
 * Life of a stored document. The bytes of a document are never overwritten: a new upload is a new document that
 * supersedes the previous one; deletion is soft (the row and the object stay for the audit trail).
 */
import { documentKindRules, type DocumentKind } from '../../domain/document-kind.js';
import { DocumentRuleError } from '../../domain/document-rule.error.js';

export const DOCUMENT_STATUSES = ['active', 'superseded', 'deleted'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

const TRANSITIONS: Record<DocumentStatus, readonly DocumentStatus[]> = {
  active: ['superseded', 'deleted'],
  superseded: ['deleted'],
  deleted: [],
};

const STATUS_LABELS: Record<DocumentStatus, string> = {
  active: 'attivo',
  superseded: 'sostituito',
  deleted: 'eliminato',
};

export function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: DocumentStatus, to: DocumentStatus): void {
  if (!canTransition(from, to)) {
    throw new DocumentRuleError(
      'INVALID_STATUS_TRANSITION',
      `Un documento ${STATUS_LABELS[from]} non può diventare ${STATUS_LABELS[to]}.`,
      { from, to },
    );
  }
}

/** Deleted documents are gone for users; superseded ones stay readable (history of a request). */
export function isDownloadable(status: DocumentStatus): boolean {
  return status !== 'deleted';
}

/** Only the current documents appear in default listings. */
export function isListedByDefault(status: DocumentStatus): boolean {
  return status === 'active';
}

export interface ExistingDocument {
  id: string;
  kind: DocumentKind;
  status: DocumentStatus;
}

/**
 * Which documents a new upload of `kind` for the same linked entity supersedes: the active ones of that kind when
 * the kind keeps a single current document, none otherwise.
 */
export function documentsSupersededBy(kind: DocumentKind, sameEntity: readonly ExistingDocument[]): string[] {
  if (!documentKindRules(kind).singleCurrent) return [];
  return sameEntity.filter((doc) => doc.kind === kind && doc.status === 'active').map((doc) => doc.id);
}
