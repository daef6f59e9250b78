/**
 * What a reader sees on each page, as a hash: content streams (decoded), resources (fonts, images, forms, by value
 * so that renumbered objects compare equal), page boxes and rotation, and annotations other than form widgets
 * (a signature field is expected to be added by signing; a text box or stamp over the page is not).
 *
 * Used to tell whether a signed revision, or what was appended after a signature, changes the visible content:
 * the byte comparison says "same file", this says "same pages" when the bytes legitimately differ.
 */
import { createHash } from 'node:crypto';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFContext,
} from 'pdf-lib';

/** One hash per page; null when the file cannot be parsed as a PDF. */
export async function pageFingerprints(pdf: Uint8Array): Promise<string[] | null> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return null;
  }
  const digester = new ObjectDigester(doc.context);
  return doc.getPages().map((page) => {
    const node = page.node;
    const annotations = (node.Annots()?.asArray() ?? [])
      .map((annot) => doc.context.lookup(annot))
      .filter((annot) => !(annot instanceof PDFDict && annot.get(PDFName.of('Subtype')) === PDFName.of('Widget')));
    const hash = createHash('sha256');
    for (const part of [node.Contents(), node.Resources(), node.MediaBox(), node.CropBox(), node.Rotate()]) {
      hash.update(part === undefined ? '-' : digester.digest(part));
    }
    for (const annot of annotations) hash.update(digester.digest(annot));
    return hash.digest('hex');
  });
}

/** Same number of pages and the same fingerprint page by page. */
export async function samePages(a: Uint8Array, b: Uint8Array): Promise<boolean> {
  const [left, right] = await Promise.all([pageFingerprints(a), pageFingerprints(b)]);
  return left !== null && right !== null && left.length === right.length && left.every((hash, i) => hash === right[i]);
}

/** Hash of a PDF object by value: references are followed (and memoised), dictionary keys sorted. */
class ObjectDigester {
  private readonly memo = new Map<string, string>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly context: PDFContext) {}

  digest(object: PDFObject | undefined): string {
    const hash = createHash('sha256');
    this.feed(object, hash);
    return hash.digest('hex');
  }

  private feed(object: PDFObject | undefined, hash: ReturnType<typeof createHash>): void {
    if (object === undefined) {
      hash.update('u');
    } else if (object instanceof PDFRef) {
      const key = object.toString();
      const known = this.memo.get(key);
      if (known) {
        hash.update(`r${known}`);
      } else if (this.inProgress.has(key)) {
        hash.update('cycle'); // e.g. /Parent loops: the value is already being hashed above
      } else {
        this.inProgress.add(key);
        const value = this.digest(this.context.lookup(object));
        this.inProgress.delete(key);
        this.memo.set(key, value);
        hash.update(`r${value}`);
      }
    } else if (object instanceof PDFDict) {
      this.feedDict(object, hash);
    } else if (object instanceof PDFArray) {
      hash.update('[');
      for (const item of object.asArray()) this.feed(item, hash);
      hash.update(']');
    } else if (object instanceof PDFStream) {
      this.feedDict(object.dict, hash, ['Length', 'Filter', 'DecodeParms']);
      hash.update('stream');
      hash.update(streamBytes(object));
    } else {
      hash.update(`v${object.toString()}`);
    }
  }

  private feedDict(dict: PDFDict, hash: ReturnType<typeof createHash>, skip: readonly string[] = []): void {
    const entries = dict
      .entries()
      .map(([key, value]) => [key.decodeText(), value] as const)
      .filter(([key]) => key !== 'Parent' && key !== 'P' && !skip.includes(key))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    hash.update('<<');
    for (const [key, value] of entries) {
      hash.update(`/${key}`);
      this.feed(value, hash);
    }
    hash.update('>>');
  }
}

function streamBytes(stream: PDFStream): Uint8Array {
  if (stream instanceof PDFRawStream) {
    try {
      return decodePDFRawStream(stream).decode();
    } catch {
      return stream.getContents(); // an unsupported filter: compare the encoded bytes
    }
  }
  return stream.getContents();
}
