/**
 * Opens a CAdES attached envelope (`.p7m`): DER or BER (indefinite lengths, chunked content, as several Italian
 * signing tools write), bare base64 or PEM. Envelopes signed again ("busta nidificata", a .p7m.p7m) are opened
 * level by level by the inspector.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type P7mEncoding, sniffP7mEncoding } from '../domain/content-type.js';

export interface CadesEnvelope {
  encoding: P7mEncoding;
  signedData: pkijs.SignedData;
  /** The encapsulated document; null for a detached signature (not acceptable as a .p7m). */
  content: Uint8Array | null;
}

export class MalformedEnvelopeError extends Error {}

const SIGNED_DATA = '1.2.840.113549.1.7.2';

export function parseCades(file: Uint8Array): CadesEnvelope {
  const encoding = sniffP7mEncoding(file);
  if (!encoding) throw new MalformedEnvelopeError('Il file non è una busta CAdES (SignedData)');
  const ber = encoding === 'der' ? file : decodeText(Buffer.from(file).toString('latin1'));
  const parsed = asn1js.fromBER(ber);
  if (parsed.offset === -1) throw new MalformedEnvelopeError(`Struttura ASN.1 non valida: ${parsed.result.error}`);
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    if (contentInfo.contentType !== SIGNED_DATA) throw new MalformedEnvelopeError('La busta non contiene dati firmati');
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const eContent = signedData.encapContentInfo.eContent;
    const content = eContent ? new Uint8Array(eContent.getValue()) : null;
    return { encoding, signedData, content };
  } catch (error) {
    if (error instanceof MalformedEnvelopeError) throw error;
    throw new MalformedEnvelopeError(
      `Busta CAdES non valida: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function decodeText(text: string): Uint8Array {
  const body = text.replace(/-----(BEGIN|END)[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}
