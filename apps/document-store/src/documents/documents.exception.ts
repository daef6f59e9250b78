import { assertNever, DomainException } from '@profila/platform';
import type { DocumentRuleError } from '../domain/document-rule.error.js';

export enum DocumentExceptionCode {
  DOCUMENT_NOT_FOUND = 'DOCUMENT_NOT_FOUND',
  DOCUMENT_DELETED = 'DOCUMENT_DELETED',
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  CONTENT_TYPE_NOT_ALLOWED = 'CONTENT_TYPE_NOT_ALLOWED',
  EMPTY_DOCUMENT = 'EMPTY_DOCUMENT',
  INVALID_STATUS_TRANSITION = 'INVALID_STATUS_TRANSITION',
  INVALID_UPLOAD = 'INVALID_UPLOAD',
  NOT_MULTIPART = 'NOT_MULTIPART',
  UPLOAD_NOT_ALLOWED = 'UPLOAD_NOT_ALLOWED',
  DELETE_NOT_ALLOWED = 'DELETE_NOT_ALLOWED',
  STORAGE_UNAVAILABLE = 'STORAGE_UNAVAILABLE',
  /** The stored bytes are not those uploaded (size or SHA-256 differ): nothing is served. */
  DOCUMENT_INTEGRITY_FAILED = 'DOCUMENT_INTEGRITY_FAILED',
  DOWNLOAD_LINK_INVALID = 'DOWNLOAD_LINK_INVALID',
  /** The service owning the linked entity cannot confirm links yet. */
  LINKED_ENTITY_NOT_VERIFIABLE = 'LINKED_ENTITY_NOT_VERIFIABLE',
  /** The owner of the linked entity says the caller may not attach documents to it. */
  LINKED_ENTITY_NOT_CONFIRMED = 'LINKED_ENTITY_NOT_CONFIRMED',
}

export class DocumentException extends DomainException<DocumentExceptionCode> {
  constructor(code: DocumentExceptionCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  /** The HTTP face of a broken document rule (size, type, empty file, status change). */
  static fromRule(error: DocumentRuleError): DocumentException {
    return new DocumentException(DocumentExceptionCode[error.code], error.message, error.details);
  }

  static notFound(): DocumentException {
    return new DocumentException(DocumentExceptionCode.DOCUMENT_NOT_FOUND, 'Documento non trovato.');
  }

  httpStatus(): number {
    switch (this.code) {
      case DocumentExceptionCode.DOCUMENT_NOT_FOUND:
      case DocumentExceptionCode.DOWNLOAD_LINK_INVALID:
        return 404;
      case DocumentExceptionCode.DOCUMENT_DELETED:
        return 410;
      case DocumentExceptionCode.DOCUMENT_TOO_LARGE:
        return 413;
      case DocumentExceptionCode.CONTENT_TYPE_NOT_ALLOWED:
      case DocumentExceptionCode.NOT_MULTIPART:
        return 415;
      case DocumentExceptionCode.EMPTY_DOCUMENT:
      case DocumentExceptionCode.INVALID_UPLOAD:
        return 400;
      case DocumentExceptionCode.INVALID_STATUS_TRANSITION:
        return 409;
      case DocumentExceptionCode.UPLOAD_NOT_ALLOWED:
      case DocumentExceptionCode.DELETE_NOT_ALLOWED:
      case DocumentExceptionCode.LINKED_ENTITY_NOT_CONFIRMED:
        return 403;
      case DocumentExceptionCode.LINKED_ENTITY_NOT_VERIFIABLE:
        return 422;
      case DocumentExceptionCode.DOCUMENT_INTEGRITY_FAILED:
        return 502;
      case DocumentExceptionCode.STORAGE_UNAVAILABLE:
        return 503;
      default:
        return assertNever(this.code);
    }
  }
}
