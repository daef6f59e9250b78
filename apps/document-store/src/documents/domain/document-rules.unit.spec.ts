import {
  DOCUMENT_KINDS,
  documentKindRules,
  formatSize,
  isDocumentKind,
  LARGEST_DOCUMENT_BYTES,
  MB,
} from '../../domain/document-kind.js';
import { DocumentRuleError } from '../../domain/document-rule.error.js';
import {
  assertTransition,
  canTransition,
  documentsSupersededBy,
  type ExistingDocument,
  isDownloadable,
  isListedByDefault,
} from './document-status.js';

describe('document kinds', () => {
  it('limits signed declarations to 3 MB of PDF or p7m, as the association page says', () => {
    expect(documentKindRules('signed-declaration')).toMatchObject({
      maxBytes: 3 * MB,
      allowedContentTypes: ['application/pdf', 'application/pkcs7-mime'],
    });
  });

  it('accepts scans (JPEG/PNG) for identity documents but never for signed declarations or atti di nomina', () => {
    expect(documentKindRules('identity-document').allowedContentTypes).toEqual(
      expect.arrayContaining(['image/jpeg', 'image/png', 'application/pdf']),
    );
    for (const kind of ['signed-declaration', 'atto-di-nomina'] as const) {
      expect(documentKindRules(kind).allowedContentTypes).not.toContain('image/jpeg');
    }
  });

  it('knows exactly the five kinds', () => {
    expect([...DOCUMENT_KINDS].sort()).toEqual(
      ['atto-di-nomina', 'delega-document', 'identity-document', 'raa-attachment', 'signed-declaration'].sort(),
    );
    expect(isDocumentKind('signed-declaration')).toBe(true);
    expect(isDocumentKind('passport')).toBe(false);
    expect(isDocumentKind(undefined)).toBe(false);
  });

  it('exposes the largest limit (the S3 multipart part size must exceed it)', () => {
    expect(LARGEST_DOCUMENT_BYTES).toBe(Math.max(...DOCUMENT_KINDS.map((k) => documentKindRules(k).maxBytes)));
  });

  it('prints sizes the Italian way', () => {
    expect(formatSize(3 * MB)).toBe('3 MB');
    expect(formatSize(2.5 * MB)).toBe('2,5 MB');
    expect(formatSize(512 * 1024)).toBe('512 KB');
    expect(formatSize(10)).toBe('10 byte');
  });
});

describe('document status', () => {
  it('allows active -> superseded -> deleted and active -> deleted only', () => {
    expect(canTransition('active', 'superseded')).toBe(true);
    expect(canTransition('active', 'deleted')).toBe(true);
    expect(canTransition('superseded', 'deleted')).toBe(true);
    expect(canTransition('superseded', 'active')).toBe(false);
    expect(canTransition('deleted', 'active')).toBe(false);
    expect(canTransition('deleted', 'deleted')).toBe(false);
  });

  it('throws a typed error on a forbidden transition', () => {
    expect(() => assertTransition('deleted', 'active')).toThrow(DocumentRuleError);
    try {
      assertTransition('deleted', 'active');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_STATUS_TRANSITION', details: { from: 'deleted', to: 'active' } });
      expect((error as Error).message).toBe('Un documento eliminato non può diventare attivo.');
    }
  });

  it('never serves deleted documents and lists only the current ones', () => {
    expect(isDownloadable('active')).toBe(true);
    expect(isDownloadable('superseded')).toBe(true);
    expect(isDownloadable('deleted')).toBe(false);
    expect(isListedByDefault('active')).toBe(true);
    expect(isListedByDefault('superseded')).toBe(false);
  });

  it('a new signed declaration supersedes the active one of the same entity; RAA attachments accumulate', () => {
    const existing: ExistingDocument[] = [
      { id: 'a', kind: 'signed-declaration', status: 'active' },
      { id: 'b', kind: 'signed-declaration', status: 'superseded' },
      { id: 'c', kind: 'identity-document', status: 'active' },
      { id: 'd', kind: 'raa-attachment', status: 'active' },
    ];
    expect(documentsSupersededBy('signed-declaration', existing)).toEqual(['a']);
    expect(documentsSupersededBy('identity-document', existing)).toEqual(['c']);
    expect(documentsSupersededBy('raa-attachment', existing)).toEqual([]);
    expect(documentsSupersededBy('atto-di-nomina', existing)).toEqual([]);
  });
});
