/**
 * Metadata that makes a generated PDF reproducible (fixed dates, producer and file identifier) and lets a signed
 * copy be matched back to its request (the request code in the document information dictionary and keywords).
 */
import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

export const PRODUCER = 'Profila document-store';
/** Custom key of the document information dictionary holding the request code (plain ASCII literal string). */
export const REQUEST_CODE_KEY = 'ProfilaRequestCode';
const KEYWORD_PREFIX = 'profila-request-code:';

export interface GeneratedPdf {
  bytes: Uint8Array;
  size: number;
  /** Lowercase hex SHA-256 of {@link bytes}: what a CAdES envelope must contain, byte for byte. */
  sha256: string;
  requestCode: string;
  /** Suggested download name. */
  fileName: string;
}

export interface DeterministicMetadata {
  title: string;
  subject: string;
  requestCode: string;
  issuedAt: Date;
  /** Every input that shapes the content: hashed into the PDF file identifier. */
  fingerprint: unknown;
}

export async function createDeterministicPdf(meta: DeterministicMetadata): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setAuthor('Profila');
  doc.setCreator(PRODUCER);
  doc.setProducer(PRODUCER);
  doc.setLanguage('it-IT');
  doc.setKeywords(['profila', `${KEYWORD_PREFIX}${meta.requestCode}`]);
  doc.setCreationDate(meta.issuedAt);
  doc.setModificationDate(meta.issuedAt);
  infoDict(doc).set(PDFName.of(REQUEST_CODE_KEY), PDFString.of(meta.requestCode));
  const id = createHash('sha256').update(JSON.stringify(meta.fingerprint)).digest('hex').slice(0, 32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return doc;
}

/** Classic cross-reference table, no object streams: signing tools can append an incremental update cleanly. */
export async function saveDeterministicPdf(
  doc: PDFDocument,
  requestCode: string,
  fileName: string,
): Promise<GeneratedPdf> {
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { bytes, size: bytes.length, sha256: sha256Hex(bytes), requestCode, fileName };
}

/**
 * The request code stored in a PDF by {@link createDeterministicPdf}; null when the file is not one of ours or
 * cannot be parsed. Signed files may carry incremental updates: the last definition of the info dictionary wins.
 */
export async function readRequestCode(pdf: Uint8Array): Promise<string | null> {
  try {
    const doc = await PDFDocument.load(pdf, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
    const value = infoDict(doc).get(PDFName.of(REQUEST_CODE_KEY));
    if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
    const keyword = doc
      .getKeywords()
      ?.split(/\s+/)
      .find((k) => k.startsWith(KEYWORD_PREFIX));
    return keyword ? keyword.slice(KEYWORD_PREFIX.length) : null;
  } catch {
    return null;
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function infoDict(doc: PDFDocument): PDFDict {
  const existing = doc.context.lookup(doc.context.trailerInfo.Info);
  if (existing instanceof PDFDict) return existing;
  const dict = doc.context.obj({});
  doc.context.trailerInfo.Info = doc.context.register(dict);
  return dict;
}
