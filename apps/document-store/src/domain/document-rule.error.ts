/**
 * A broken document rule. Pure domain code cannot depend on the platform's DomainException (dependency rule
 * "domain-is-pure"), so the service layer maps these codes to its DocumentException.
 */
export type DocumentRuleErrorCode =
  'DOCUMENT_TOO_LARGE' | 'CONTENT_TYPE_NOT_ALLOWED' | 'EMPTY_DOCUMENT' | 'INVALID_STATUS_TRANSITION';

export class DocumentRuleError extends Error {
  constructor(
    readonly code: DocumentRuleErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DocumentRuleError';
  }
}
