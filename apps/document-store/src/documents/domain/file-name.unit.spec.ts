import { JPEG, P7M, PDF, PNG } from '../../domain/content-type.js';
import { cleanFileName, fileNameForContentType } from './file-name.js';

describe('file names', () => {
  it('drops bidi controls, so that a name cannot show another extension than it has', () => {
    // "fattura‮fdp.exe" is displayed as "fatturaexe.pdf".
    expect(cleanFileName('fattura\u202efdp.exe')).toBe('fatturafdp.exe');
    const bidi = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const control of [...bidi, '\u200e', '\u200f', '\u061c', '\u200b', '\ufeff']) {
      expect(cleanFileName(`a${control}b.pdf`)).toBe('ab.pdf');
    }
  });

  it('drops C0, DEL, C1 controls and line separators, and keeps accented letters', () => {
    expect(cleanFileName('carta\u0000\u0007\u001b\u007f\u0085\u009b-identità\u2028.pdf')).toBe('carta-identità.pdf');
    expect(cleanFileName('Dichiarazione Sociètà.pdf')).toBe('Dichiarazione Sociètà.pdf');
  });

  it('keeps only the last path segment, no leading dots, no reserved characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\mario\\ci.pdf')).toBe('ci.pdf');
    expect(cleanFileName('..\u202e/..hidden.pdf')).toBe('hidden.pdf');
    expect(cleanFileName('.bashrc')).toBe('bashrc');
    expect(cleanFileName('a<b>:"c|?*.pdf')).toBe('a_b___c___.pdf');
    expect(cleanFileName('nome .')).toBe('nome');
  });

  it('gives a default name when nothing is left, and at most 255 characters', () => {
    expect(cleanFileName(undefined)).toBe('documento');
    expect(cleanFileName('\u202e\u0000..')).toBe('documento');
    expect([...cleanFileName(`${'è'.repeat(300)}.pdf`)]).toHaveLength(255);
  });

  it('makes the extension say what the bytes are', () => {
    expect(fileNameForContentType('report.html', PDF)).toBe('report.pdf');
    expect(fileNameForContentType('report.HTML', PDF)).toBe('report.pdf');
    expect(fileNameForContentType('Report.PDF', PDF)).toBe('Report.PDF');
    expect(fileNameForContentType('scansione', PNG)).toBe('scansione.png');
    expect(fileNameForContentType('foto.jpeg', JPEG)).toBe('foto.jpeg');
    expect(fileNameForContentType('foto.png', JPEG)).toBe('foto.jpg');
    expect(fileNameForContentType('dichiarazione.pdf.p7m', P7M)).toBe('dichiarazione.pdf.p7m');
    expect(fileNameForContentType('dichiarazione.pdf', P7M)).toBe('dichiarazione.pdf.p7m');
    expect(fileNameForContentType('fattura\u202efdp.exe', PDF)).toBe('fatturafdp.pdf');
    expect(fileNameForContentType('documento', PDF)).toBe('documento.pdf');
    const long = fileNameForContentType(`${'a'.repeat(300)}.html`, PDF);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
