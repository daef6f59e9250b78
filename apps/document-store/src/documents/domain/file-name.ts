/**
 * File names as we store and serve them. The name comes from the client and ends up in listings, mails and the
 * `Content-Disposition` of downloads, so it is cleaned (no path, no control or bidi characters, no leading dots) and
 * its extension always says what the bytes are: a PDF uploaded as `report.html` is kept as `report.pdf`, so that
 * no program opens it as a web page.
 */
import type { DocumentContentType } from '../../domain/content-type.js';
import { JPEG, P7M, PDF, PNG } from '../../domain/content-type.js';

export const DEFAULT_FILE_NAME = 'documento';
const MAX_LENGTH = 255;

/** Extensions that name each type; the first one is used when the name must be corrected. */
const EXTENSIONS: Record<DocumentContentType, readonly string[]> = {
  [PDF]: ['pdf'],
  [P7M]: ['p7m'],
  [JPEG]: ['jpg', 'jpeg'],
  [PNG]: ['png'],
};

/**
 * Format (Cf: bidi embeddings/overrides/isolates U+202A–U+202E, U+2066–U+2069, marks U+200E/U+200F/U+061C,
 * zero-width characters, BOM), control (Cc: C0, DEL, C1) and line/paragraph separators are dropped; `\` and `/`
 * separate path segments (only the last one is kept); characters Windows refuses in names become `_`.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const RESERVED = /[<>:"|?*]/g;

/** The last path segment of the client's name, cleaned; {@link DEFAULT_FILE_NAME} when nothing is left. */
export function cleanFileName(name: string | undefined): string {
  const withoutControls = (name ?? '').normalize('NFC').replace(INVISIBLE, '');
  const base = withoutControls.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  return truncate(clean) || DEFAULT_FILE_NAME;
}

/**
 * The name with the extension of the detected type: kept when it already says so (`.jpeg` for JPEG), otherwise
 * the last extension is replaced (`report.html` → `report.pdf`), or the type's added when there is none. A p7m
 * envelope wraps a file, so its extension is appended to the inner one (`dichiarazione.pdf` → `dichiarazione.pdf.p7m`).
 */
export function fileNameForContentType(fileName: string, contentType: DocumentContentType): string {
  const name = cleanFileName(fileName);
  const match = /^(.+)\.([A-Za-z0-9]{1,10})$/.exec(name);
  const extension = match?.[2].toLowerCase();
  const allowed = EXTENSIONS[contentType];
  if (extension && allowed.includes(extension)) return name;
  const wanted = allowed[0];
  if (contentType === P7M && extension === 'pdf') return withExtension(name, wanted);
  return withExtension(match ? match[1] : name, wanted);
}

function withExtension(stem: string, extension: string): string {
  return `${truncate(stem, MAX_LENGTH - extension.length - 1)}.${extension}`;
}

/** At most `max` characters (code points, so that no surrogate pair is cut). */
function truncate(text: string, max = MAX_LENGTH): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('').trimEnd();
}
