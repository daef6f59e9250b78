import { codiceFiscaleFromSerialNumber } from './certificate-identity.js';
import { findPadesSignatures, parsePdfDate } from './pades-parser.js';

describe('codice fiscale in a certificate serialNumber', () => {
  it('reads TINIT-, IT: and bare forms, persons and legal entities', () => {
    expect(codiceFiscaleFromSerialNumber('TINIT-VNTLNZ88B26I921M')).toBe('VNTLNZ88B26I921M');
    expect(codiceFiscaleFromSerialNumber('IT:VNTLNZ88B26I921M')).toBe('VNTLNZ88B26I921M');
    expect(codiceFiscaleFromSerialNumber('vntlnz88b26i921m')).toBe('VNTLNZ88B26I921M');
    expect(codiceFiscaleFromSerialNumber('TINIT-00097020598')).toBe('00097020598');
  });

  it('ignores identifiers that are not a valid codice fiscale', () => {
    expect(codiceFiscaleFromSerialNumber('PASIT-YA1234567')).toBeNull();
    expect(codiceFiscaleFromSerialNumber('TINFR-1234567890123')).toBeNull();
    expect(codiceFiscaleFromSerialNumber('TINIT-VNTLNZ88B26I921X')).toBeNull(); // wrong check character
    expect(codiceFiscaleFromSerialNumber('2013112233445')).toBeNull();
    expect(codiceFiscaleFromSerialNumber(null)).toBeNull();
  });
});

describe('PAdES structure', () => {
  it('parses PDF dates with and without time zone', () => {
    expect(parsePdfDate("D:20250312101500+01'00'")?.toISOString()).toBe('2025-03-12T09:15:00.000Z');
    expect(parsePdfDate('D:20250312091500Z')?.toISOString()).toBe('2025-03-12T09:15:00.000Z');
    expect(parsePdfDate('D:2025')?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(parsePdfDate('12/03/2025')).toBeNull();
    expect(parsePdfDate(undefined)).toBeNull();
  });

  it('flags a /ByteRange that does not exclude exactly the /Contents string', () => {
    const body = '%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange [0 40 60 10] /Contents <3082> >>\nendobj\n';
    const pdf = new Uint8Array(Buffer.from(body.padEnd(120, ' '), 'latin1'));
    const [field] = findPadesSignatures(pdf);
    expect(field.malformed).toBe('/ByteRange non esclude esattamente il valore /Contents');
  });

  it('flags a /ByteRange beyond the end of the file', () => {
    const pdf = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<< /ByteRange [0 10 20 99999] >>\nendobj\n', 'latin1'));
    expect(findPadesSignatures(pdf)[0].malformed).toBe('/ByteRange non descrive il file');
  });

  it('finds nothing in an unsigned PDF', () => {
    expect(findPadesSignatures(new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<< >>\nendobj\n')))).toEqual([]);
  });
});
