import { type DocumentContentType, JPEG, P7M, PDF, PNG } from './content-type.js';

export const DOCUMENT_KINDS = [
  'identity-document',
  'signed-declaration',
  'atto-di-nomina',
  'delega-document',
  'raa-attachment',
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentKindRules {
  kind: DocumentKind;
  /** Italian name for messages. */
  label: string;
  maxBytes: number;
  allowedContentTypes: readonly DocumentContentType[];
  /**
   * One current document per linked entity: a new upload supersedes the active one (a re-signed declaration,
   * a new identity document). RAA attachments accumulate instead.
   */
  singleCurrent: boolean;
}

export const MB = 1024 * 1024;

const RULES: Record<DocumentKind, DocumentKindRules> = {
  'identity-document': {
    kind: 'identity-document',
    label: 'documento di riconoscimento',
    maxBytes: 5 * MB,
    allowedContentTypes: [PDF, JPEG, PNG],
    singleCurrent: true,
  },
  // "Upload del file PDF firmato digitalmente (max. 3MB)" (Servizi Lavoro, Associa Profili).
  'signed-declaration': {
    kind: 'signed-declaration',
    label: 'dichiarazione firmata digitalmente',
    maxBytes: 3 * MB,
    allowedContentTypes: [PDF, P7M],
    singleCurrent: true,
  },
  'atto-di-nomina': {
    kind: 'atto-di-nomina',
    label: 'atto di nomina',
    maxBytes: 5 * MB,
    allowedContentTypes: [PDF, P7M],
    singleCurrent: true,
  },
  // Signed digitally or by hand and scanned, as the Trentino flow accepts.
  'delega-document': {
    kind: 'delega-document',
    label: 'documento di delega',
    maxBytes: 5 * MB,
    allowedContentTypes: [PDF, P7M, JPEG, PNG],
    singleCurrent: true,
  },
  'raa-attachment': {
    kind: 'raa-attachment',
    label: 'allegato alla richiesta di accesso agli atti',
    maxBytes: 10 * MB,
    allowedContentTypes: [PDF, P7M, JPEG, PNG],
    singleCurrent: false,
  },
};

/** The largest document of any kind: the S3 client's multipart part size must be above it (see DESIGN.md). */
export const LARGEST_DOCUMENT_BYTES = Math.max(...DOCUMENT_KINDS.map((kind) => RULES[kind].maxBytes));

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

export function documentKindRules(kind: DocumentKind): DocumentKindRules {
  return RULES[kind];
}

/** "3 MB", "512 KB": sizes as the portals print them. */
export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1)).toLocaleString('it-IT')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024).toLocaleString('it-IT')} KB`;
  return `${bytes} byte`;
}
