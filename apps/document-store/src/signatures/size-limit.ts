import { Transform, type TransformCallback } from 'node:stream';
import { formatSize } from '../domain/document-kind.js';
import { DocumentRuleError } from '../domain/document-rule.error.js';

/**
 * Lets bytes through up to a size and refuses empty files. The signature inspection reads files of any type: a
 * wrong type is one of the things its verdict explains, rather than a refusal.
 */
export class SizeLimit extends Transform {
  private size = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly label: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(
        new DocumentRuleError(
          'DOCUMENT_TOO_LARGE',
          `Il file supera la dimensione massima consentita per ${this.label} (${formatSize(this.maxBytes)}).`,
          { maxBytes: this.maxBytes, label: this.label },
        ),
      );
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.size === 0 ? new DocumentRuleError('EMPTY_DOCUMENT', 'Il file caricato è vuoto.') : null);
  }
}
