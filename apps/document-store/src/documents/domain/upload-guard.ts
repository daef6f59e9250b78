import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import {
  describeContentType,
  type DocumentContentType,
  SNIFF_BYTES,
  sniffContentType,
} from '../../domain/content-type.js';
import { documentKindRules, type DocumentKind, formatSize } from '../../domain/document-kind.js';
import { DocumentRuleError } from '../../domain/document-rule.error.js';

export interface UploadGuardOptions {
  maxBytes: number;
  allowedContentTypes: readonly DocumentContentType[];
  /** Italian name of what is uploaded, for messages ("dichiarazione firmata digitalmente"). */
  label?: string;
}

export interface UploadSummary {
  size: number;
  /** Lowercase hex. */
  sha256: string;
  contentType: DocumentContentType;
}

/**
 * Sits in an upload pipeline (request body -> UploadGuard -> object storage) and, while the bytes flow:
 * detects the content type from the first bytes (nothing goes downstream before it is accepted), counts the size
 * and aborts with DOCUMENT_TOO_LARGE as soon as the limit is passed, and hashes with SHA-256.
 * After 'finish'/'end', {@link summary} holds what to store as metadata.
 */
export class UploadGuard extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private size = 0;
  private contentType: DocumentContentType | null = null;
  private result: UploadSummary | null = null;

  constructor(private readonly options: UploadGuardOptions) {
    super();
  }

  static forKind(kind: DocumentKind): UploadGuard {
    const rules = documentKindRules(kind);
    return new UploadGuard({
      maxBytes: rules.maxBytes,
      allowedContentTypes: rules.allowedContentTypes,
      label: rules.label,
    });
  }

  /** Size, hash and detected type; throws before the stream has been fully read. */
  get summary(): UploadSummary {
    if (!this.result) throw new Error('UploadGuard: the upload has not been fully read yet');
    return this.result;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.size += bytes.length;
    if (this.size > this.options.maxBytes) {
      callback(this.tooLarge());
      return;
    }
    this.hash.update(bytes);
    if (this.contentType) {
      callback(null, bytes);
      return;
    }
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes < SNIFF_BYTES) {
      callback();
      return;
    }
    callback(this.releasePending());
  }

  override _flush(callback: TransformCallback): void {
    if (this.size === 0) {
      callback(new DocumentRuleError('EMPTY_DOCUMENT', 'Il file caricato è vuoto.', { label: this.options.label }));
      return;
    }
    if (!this.contentType) {
      const error = this.releasePending();
      if (error) {
        callback(error);
        return;
      }
    }
    this.result = { size: this.size, sha256: this.hash.digest('hex'), contentType: this.contentType! };
    callback();
  }

  /** Decides the type on the buffered head and, if accepted, pushes it downstream. */
  private releasePending(): DocumentRuleError | null {
    const head = Buffer.concat(this.pending);
    const detected = sniffContentType(head);
    if (!detected || !this.options.allowedContentTypes.includes(detected)) {
      const allowed = this.options.allowedContentTypes.map(describeContentType).join(', ');
      const found = detected ? describeContentType(detected) : 'tipo non riconosciuto';
      const what = this.options.label ? ` per ${this.options.label}` : '';
      return new DocumentRuleError(
        'CONTENT_TYPE_NOT_ALLOWED',
        `Tipo di file non ammesso${what} (rilevato: ${found}). Sono ammessi: ${allowed}.`,
        { detected, allowed: this.options.allowedContentTypes },
      );
    }
    this.contentType = detected;
    this.pending.length = 0;
    this.pendingBytes = 0;
    this.push(head);
    return null;
  }

  private tooLarge(): DocumentRuleError {
    const limit = formatSize(this.options.maxBytes);
    const what = this.options.label ? `per ${this.options.label} ` : '';
    return new DocumentRuleError(
      'DOCUMENT_TOO_LARGE',
      `Il file supera la dimensione massima consentita ${what}(${limit}).`,
      { maxBytes: this.options.maxBytes, label: this.options.label },
    );
  }
}
