/**
 * Finds the signatures of a PDF (ISO 32000 12.8, PAdES): each signature dictionary has /ByteRange [a b c d] and
 * /Contents <hex CMS>; the signed bytes are [a, a+b) and [c, c+d), i.e. everything but the /Contents string.
 * Signature dictionaries must be direct text in the file, so scanning the bytes is how every validator finds them.
 */
import * as asn1js from 'asn1js';

export interface PadesSignatureField {
  byteRange: [number, number, number, number];
  /** DER/BER CMS with the zero padding of the placeholder removed; null when /Contents is not a CMS. */
  cms: Uint8Array | null;
  signedBytes: Uint8Array;
  subFilter: string | null;
  /** /M of the signature dictionary. */
  signingTime: Date | null;
  /** End of the revision the signature covers (c + d). */
  revisionEnd: number;
  /** Structure problem, when /ByteRange does not describe the file. */
  malformed: string | null;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

export function findPadesSignatures(pdf: Uint8Array): PadesSignatureField[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const fields: PadesSignatureField[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
    const [a, b, c, d] = byteRange;
    const objectStart = text.lastIndexOf(' obj', match.index);
    const objectEnd = text.indexOf('endobj', match.index);
    const dictionary = text.slice(
      objectStart === -1 ? match.index : objectStart,
      objectEnd === -1 ? undefined : objectEnd,
    );
    const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dictionary)?.[1] ?? null;
    const signingTime = parsePdfDate(/\/M\s*\(([^)]*)\)/.exec(dictionary)?.[1]);
    const field = { byteRange, subFilter, signingTime, revisionEnd: c + d };
    const malformed =
      a !== 0 || b <= 0 || c <= b || c + d > pdf.length
        ? '/ByteRange non descrive il file'
        : !/^<[0-9A-Fa-f\s]*>$/.test(text.slice(b, c))
          ? '/ByteRange non esclude esattamente il valore /Contents'
          : null;
    if (malformed) {
      fields.push({ ...field, cms: null, signedBytes: new Uint8Array(), malformed });
      continue;
    }
    const signedBytes = new Uint8Array(Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
    fields.push({ ...field, cms: cmsFromHex(text.slice(b + 1, c - 1)), signedBytes, malformed: null });
  }
  return fields.sort((x, y) => x.revisionEnd - y.revisionEnd);
}

function cmsFromHex(hex: string): Uint8Array | null {
  const bytes = Buffer.from(hex.replace(/\s+/g, ''), 'hex');
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.offset === 0) return null;
  return new Uint8Array(bytes.subarray(0, parsed.offset));
}

/** `D:YYYYMMDDHHmmSSOHH'mm'` with every part after the year optional. */
export function parsePdfDate(value: string | undefined): Date | null {
  if (!value) return null;
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-])?(\d{2})?'?(\d{2})?'?/.exec(value.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = sign === '+' || sign === '-' ? (Number(oh) * 60 + Number(om)) * (sign === '+' ? 1 : -1) : 0;
  return new Date(utc - offset * 60_000);
}
