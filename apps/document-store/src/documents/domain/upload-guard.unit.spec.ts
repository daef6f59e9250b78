import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MB } from '../../domain/document-kind.js';
import { DocumentRuleError } from '../../domain/document-rule.error.js';
import { UploadGuard } from './upload-guard.js';

const PDF_HEAD = Buffer.from('%PDF-1.7\n', 'latin1');

/** A fake PDF of `size` bytes delivered in `chunk`-byte pieces, like a multipart upload. */
function upload(size: number, chunk = 64 * 1024, head: Buffer = PDF_HEAD): { stream: Readable; bytes: Buffer } {
  const bytes = Buffer.alloc(size, 0x41);
  head.copy(bytes, 0, 0, Math.min(head.length, size));
  const pieces: Buffer[] = [];
  for (let i = 0; i < size; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  return { stream: Readable.from(pieces), bytes };
}

function sink(): { writable: Writable; received: () => Buffer } {
  const chunks: Buffer[] = [];
  return {
    writable: new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    }),
    received: () => Buffer.concat(chunks),
  };
}

async function rejection(promise: Promise<unknown>): Promise<DocumentRuleError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DocumentRuleError) return error;
    throw error;
  }
  throw new Error('expected the upload to be refused');
}

describe('UploadGuard (streaming size limit, type check and SHA-256)', () => {
  it('passes a signed declaration of exactly 3 MB through, with its size, hash and detected type', async () => {
    const { stream, bytes } = upload(3 * MB);
    const guard = UploadGuard.forKind('signed-declaration');
    const out = sink();
    await pipeline(stream, guard, out.writable);

    expect(guard.summary).toEqual({
      size: 3 * MB,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentType: 'application/pdf',
    });
    expect(out.received().equals(bytes)).toBe(true);
  });

  it('refuses 3 MB + 1 byte for a signed declaration with a clear error, while streaming', async () => {
    const { stream } = upload(3 * MB + 1);
    const guard = UploadGuard.forKind('signed-declaration');
    const out = sink();
    const error = await rejection(pipeline(stream, guard, out.writable));

    expect(error.code).toBe('DOCUMENT_TOO_LARGE');
    expect(error.message).toBe(
      'Il file supera la dimensione massima consentita per dichiarazione firmata digitalmente (3 MB).',
    );
    expect(error.details).toMatchObject({ maxBytes: 3 * MB });
    expect(out.received().length).toBeLessThanOrEqual(3 * MB);
    expect(() => guard.summary).toThrow();
  });

  it('stops reading as soon as the limit is passed, not at the end of a huge upload', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 64 * 1024;
        this.push(
          produced === 64 * 1024
            ? Buffer.concat([PDF_HEAD, Buffer.alloc(64 * 1024 - PDF_HEAD.length)])
            : Buffer.alloc(64 * 1024),
        );
      },
    });
    const error = await rejection(pipeline(endless, UploadGuard.forKind('signed-declaration'), sink().writable));
    expect(error.code).toBe('DOCUMENT_TOO_LARGE');
    expect(produced).toBeLessThan(4 * MB);
  });

  it('refuses a type the kind does not allow before any byte goes downstream', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const { stream } = upload(200_000, 64 * 1024, png);
    const out = sink();
    const error = await rejection(pipeline(stream, UploadGuard.forKind('signed-declaration'), out.writable));

    expect(error.code).toBe('CONTENT_TYPE_NOT_ALLOWED');
    expect(error.message).toBe(
      'Tipo di file non ammesso per dichiarazione firmata digitalmente (rilevato: immagine PNG). ' +
        'Sono ammessi: documento PDF, busta firmata CAdES (.p7m).',
    );
    expect(out.received().length).toBe(0);
  });

  it('accepts the same PNG as an identity document', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const { stream } = upload(10_000, 1000, png);
    const guard = UploadGuard.forKind('identity-document');
    await pipeline(stream, guard, sink().writable);
    expect(guard.summary.contentType).toBe('image/png');
  });

  it('decides on a file shorter than the sniffing window at the end', async () => {
    const { stream, bytes } = upload(100, 10);
    const guard = UploadGuard.forKind('signed-declaration');
    const out = sink();
    await pipeline(stream, guard, out.writable);
    expect(guard.summary.size).toBe(100);
    expect(out.received().equals(bytes)).toBe(true);
  });

  it('refuses unknown bytes and empty files', async () => {
    const unknown = await rejection(
      pipeline(
        Readable.from([Buffer.from('ciao, non sono un pdf')]),
        UploadGuard.forKind('raa-attachment'),
        sink().writable,
      ),
    );
    expect(unknown.code).toBe('CONTENT_TYPE_NOT_ALLOWED');
    expect(unknown.message).toContain('rilevato: tipo non riconosciuto');

    const empty = await rejection(pipeline(Readable.from([]), UploadGuard.forKind('raa-attachment'), sink().writable));
    expect(empty.code).toBe('EMPTY_DOCUMENT');
  });
});
