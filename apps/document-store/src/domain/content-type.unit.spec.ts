import {
  contentTypeFromFileName,
  detectContentType,
  JPEG,
  P7M,
  PDF,
  PNG,
  sniffContentType,
  sniffP7mEncoding,
} from './content-type.js';

const SIGNED_DATA_OID = '06092a864886f70d010702';
const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
/** ContentInfo header of a CAdES envelope with the given length encoding, followed by some bytes. */
const contentInfo = (length: string) => hex(`30${length}${SIGNED_DATA_OID}a0800000000000000000`);

describe('content type detection from the first bytes', () => {
  it('recognises PDF, JPEG and PNG by their magic numbers', () => {
    expect(sniffContentType(new Uint8Array(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1')))).toBe(PDF);
    expect(sniffContentType(hex('ffd8ffe000104a464946'))).toBe(JPEG);
    expect(sniffContentType(hex('89504e470d0a1a0a0000000d49484452'))).toBe(PNG);
  });

  it('recognises a CAdES envelope in DER/BER whatever the length form', () => {
    for (const length of ['80', '7f', '8180', '820a1b', '83010000']) {
      expect(sniffContentType(contentInfo(length))).toBe(P7M);
      expect(sniffP7mEncoding(contentInfo(length))).toBe('der');
    }
  });

  it('recognises a CAdES envelope as bare base64 (with line breaks) and as PEM', () => {
    const der = Buffer.concat([contentInfo('820a1b'), Buffer.alloc(60)]);
    const base64 = der.toString('base64').replace(/.{20}/g, '$&\r\n');
    expect(sniffP7mEncoding(new Uint8Array(Buffer.from(base64)))).toBe('base64');
    const pem = `-----BEGIN PKCS7-----\n${der.toString('base64')}\n-----END PKCS7-----\n`;
    expect(sniffP7mEncoding(new Uint8Array(Buffer.from(pem)))).toBe('pem');
    expect(sniffContentType(new Uint8Array(Buffer.from(pem)))).toBe(P7M);
  });

  it('does not take any SEQUENCE for a signature: the OID must be signedData', () => {
    // A certificate starts with a SEQUENCE too.
    expect(sniffContentType(hex('308203a130820289a003020102'))).toBeNull();
    // ContentInfo of envelopedData (1.2.840.113549.1.7.3)
    expect(sniffContentType(hex('308006092a864886f70d010703a080'))).toBeNull();
    expect(sniffContentType(new Uint8Array(Buffer.from('Just some text that is not base64 at all!!')))).toBeNull();
  });

  it('does not accept a PDF header that is not at the start', () => {
    expect(sniffContentType(new Uint8Array(Buffer.from('<html>%PDF-1.7')))).toBeNull();
    expect(sniffContentType(new Uint8Array())).toBeNull();
  });

  it('names other files for the messages', async () => {
    const zip = hex('504b0304140000000800');
    const detectedZip = await detectContentType(zip);
    expect(detectedZip).toMatchObject({ documentContentType: null, contentType: 'application/zip', extension: 'zip' });
    const gif = new Uint8Array(Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00', 'latin1'));
    expect((await detectContentType(gif)).contentType).toBe('image/gif');
    expect(await detectContentType(new Uint8Array([1, 2, 3]))).toMatchObject({
      contentType: 'application/octet-stream',
      description: 'file di tipo non riconosciuto',
    });
    expect(await detectContentType(hex('89504e470d0a1a0a0000000d49484452'))).toMatchObject({
      contentType: PNG,
      documentContentType: PNG,
      description: 'immagine PNG',
    });
  });

  it('reads the type a file name announces', () => {
    expect(contentTypeFromFileName('Dichiarazione.PDF')).toBe(PDF);
    expect(contentTypeFromFileName('dichiarazione.pdf.p7m')).toBe(P7M);
    expect(contentTypeFromFileName('carta-identita.jpeg')).toBe(JPEG);
    expect(contentTypeFromFileName('scan.png')).toBe(PNG);
    expect(contentTypeFromFileName('firma.p7s')).toBeNull();
    expect(contentTypeFromFileName('senza-estensione')).toBeNull();
  });
});
