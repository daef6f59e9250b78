/**
 * Content type detection from the first bytes of a file. The client's Content-Type and file name are never
 * trusted: what we store and check is what the bytes say.
 */
import { fileTypeFromBuffer } from 'file-type';

export const PDF = 'application/pdf';
export const P7M = 'application/pkcs7-mime';
export const JPEG = 'image/jpeg';
export const PNG = 'image/png';

export type DocumentContentType = typeof PDF | typeof P7M | typeof JPEG | typeof PNG;
export type P7mEncoding = 'der' | 'base64' | 'pem';

/** Bytes to read before deciding (base64/PEM envelopes need a few dozen characters; file-type wants ~4 KB). */
export const SNIFF_BYTES = 4100;

export interface DetectedContentType {
  /** MIME type; `application/octet-stream` when the bytes are not recognised. */
  contentType: string;
  /** One of the types documents may have, or null. */
  documentContentType: DocumentContentType | null;
  /** Conventional extension without dot (`pdf`, `p7m`, `jpg`, `png`, `zip`...), null when unknown. */
  extension: string | null;
  /** Italian description for messages ("documento PDF", "immagine GIF"...). */
  description: string;
}

const DESCRIPTIONS: Record<DocumentContentType, { extension: string; description: string }> = {
  [PDF]: { extension: 'pdf', description: 'documento PDF' },
  [P7M]: { extension: 'p7m', description: 'busta firmata CAdES (.p7m)' },
  [JPEG]: { extension: 'jpg', description: 'immagine JPEG' },
  [PNG]: { extension: 'png', description: 'immagine PNG' },
};

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** OBJECT IDENTIFIER 1.2.840.113549.1.7.2 (id-signedData), DER encoded with its tag and length. */
const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
const PEM_HEADER = /^-----BEGIN (PKCS7|CMS|PKCS #7 SIGNED DATA)-----/;

/** The document content type of these first bytes, or null when they are none of PDF, p7m, JPEG, PNG. */
export function sniffContentType(head: Uint8Array): DocumentContentType | null {
  if (startsWith(head, PDF_MAGIC)) return PDF;
  if (startsWith(head, JPEG_MAGIC)) return JPEG;
  if (startsWith(head, PNG_MAGIC)) return PNG;
  if (sniffP7mEncoding(head)) return P7M;
  return null;
}

/**
 * How a CAdES envelope is encoded: DER/BER binary (a ContentInfo SEQUENCE whose contentType is signedData),
 * a PEM block, or bare base64 of the binary (both common for `.p7m` files coming out of mail clients).
 */
export function sniffP7mEncoding(head: Uint8Array): P7mEncoding | null {
  if (isSignedDataContentInfo(head)) return 'der';
  const text = asciiPrefix(head, 512);
  if (text === null) return null;
  const trimmed = text.trimStart();
  const pem = PEM_HEADER.exec(trimmed);
  if (pem) return isSignedDataContentInfo(decodeBase64Prefix(trimmed.slice(pem[0].length))) ? 'pem' : null;
  return isSignedDataContentInfo(decodeBase64Prefix(trimmed)) ? 'base64' : null;
}

/** Like {@link sniffContentType}, and names anything else with the `file-type` package for clear messages. */
export async function detectContentType(head: Uint8Array): Promise<DetectedContentType> {
  const known = sniffContentType(head);
  if (known) return { contentType: known, documentContentType: known, ...DESCRIPTIONS[known] };
  const other = await fileTypeFromBuffer(head);
  if (other) {
    return {
      contentType: other.mime,
      documentContentType: null,
      extension: other.ext,
      description: `file di tipo ${other.ext.toUpperCase()} (${other.mime})`,
    };
  }
  return {
    contentType: 'application/octet-stream',
    documentContentType: null,
    extension: null,
    description: 'file di tipo non riconosciuto',
  };
}

export function describeContentType(contentType: DocumentContentType): string {
  return DESCRIPTIONS[contentType].description;
}

/**
 * The document content type a file name announces: `.pdf`, `.p7m` (also `.pdf.p7m`, `.p7s` is not an attached
 * envelope and is not accepted), `.jpg`/`.jpeg`, `.png`; null for other names.
 */
export function contentTypeFromFileName(fileName: string): DocumentContentType | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  switch (extension) {
    case 'pdf':
      return PDF;
    case 'p7m':
      return P7M;
    case 'jpg':
    case 'jpeg':
      return JPEG;
    case 'png':
      return PNG;
    default:
      return null;
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

function isSignedDataContentInfo(bytes: Uint8Array | null): boolean {
  if (!bytes || bytes.length < 2 || bytes[0] !== 0x30) return false;
  const first = bytes[1];
  let offset: number;
  if (first === 0x80 || first < 0x80) {
    offset = 2; // indefinite length (BER, common in Italian signing tools) or short form
  } else if (first >= 0x81 && first <= 0x84) {
    offset = 2 + (first & 0x7f);
  } else {
    return false;
  }
  return startsWith(bytes.subarray(offset), SIGNED_DATA_OID);
}

/** The first bytes as text when they are printable ASCII (base64/PEM), else null. */
function asciiPrefix(bytes: Uint8Array, max: number): string | null {
  const n = Math.min(bytes.length, max);
  let text = '';
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    const printable = (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09;
    // A UTF-8 BOM may precede a PEM file.
    if (!printable && !(i < 3 && (b === 0xef || b === 0xbb || b === 0xbf))) return null;
    text += String.fromCharCode(b);
  }
  return text.replace(/^\xef\xbb\xbf/, '');
}

/** Decodes the leading base64 characters (whitespace ignored) to bytes; null when they are not base64. */
function decodeBase64Prefix(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  const prefix = /^[A-Za-z0-9+/]*/.exec(compact)?.[0] ?? '';
  const usable = prefix.slice(0, Math.floor(Math.min(prefix.length, 64) / 4) * 4);
  if (usable.length < 24) return null;
  return Buffer.from(usable, 'base64');
}
