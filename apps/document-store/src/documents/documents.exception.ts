import { assertNever, DomainException } from '@profila/platform';
import type { DocumentRuleError } from './domain/document-rule.error.js';

export enum DocumentExceptionCode {
  DOCUMENT_NOT_FOUND = 'DOCUMENT_NOT_FOUND',
  DOCUMENT_DELETED = 'DOCUMENT_DELETED',
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  CONTENT_TYPE_NOT_ALLOWED = 'CONTENT_TYPE_NOT_ALLOWED',
  EMPTY_DOCUMENT = 'EMPTY_DOCUMENT',
  INVALID_STATUS_TRANSITION = 'INVALID_STATUS_TRANSITION',
  INVALID_UPLOAD = 'INVALID_UPLOAD',
  INVALID_ENTITY = 'INVALID_ENTITY',
  NOT_MULTIPART = 'NOT_MULTIPART',
  UPLOAD_NOT_ALLOWED = 'UPLOAD_NOT_ALLOWED',
  DELETE_NOT_ALLOWED = 'DELETE_NOT_ALLOWED',
  STORAGE_UNAVAILABLE = 'STORAGE_UNAVAILABLE',
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
      case DocumentExceptionCode.INVALID_ENTITY:
        return 400;
      case DocumentExceptionCode.INVALID_STATUS_TRANSITION:
        return 409;
      case DocumentExceptionCode.UPLOAD_NOT_ALLOWED:
      case DocumentExceptionCode.DELETE_NOT_ALLOWED:
        return 403;
      case DocumentExceptionCode.STORAGE_UNAVAILABLE:
        return 503;
      default:
        return assertNever(this.code);
    }
  }
}
