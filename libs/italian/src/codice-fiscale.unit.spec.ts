import {
  codiceFiscaleFromSpid,
  generateCodiceFiscale,
  isValidCodiceFiscale,
  isValidCodiceFiscalePersona,
  normalizeCodiceFiscale,
  parseCodiceFiscale,
  removeOmocodia,
} from './codice-fiscale.js';

describe('codice fiscale', () => {
  describe('generateCodiceFiscale', () => {
    it('computes the codes printed in the Trentino Lavoro manual', () => {
      expect(
        generateCodiceFiscale({
          cognome: 'Venturi',
          nome: 'Lorenzo',
          dataNascita: '1988-02-26',
          sesso: 'M',
          codiceCatastale: 'I921',
        }),
      ).toBe('VNTLNZ88B26I921M');
      expect(
        generateCodiceFiscale({
          cognome: 'Rossi',
          nome: 'Mario',
          dataNascita: '2000-01-01',
          sesso: 'M',
          codiceCatastale: 'H612',
        }),
      ).toBe('RSSMRA00A01H612K');
    });

    it('adds 40 to the day for women', () => {
      const cf = generateCodiceFiscale({
        cognome: 'Bianchi',
        nome: 'Anna',
        dataNascita: '1990-07-15',
        sesso: 'F',
        codiceCatastale: 'L378',
      });
      expect(cf.slice(0, 11)).toBe('BNCNNA90L55');
      expect(parseCodiceFiscale(cf)).toMatchObject({ sesso: 'F', giornoNascita: 15, meseNascita: 7 });
    });

    it('takes the 1st, 3rd and 4th consonant of a name with four or more consonants', () => {
      const cf = generateCodiceFiscale({
        cognome: 'Moretti',
        nome: 'Gianfranco',
        dataNascita: '1970-03-03',
        sesso: 'M',
        codiceCatastale: 'F205',
      });
      // Gianfranco: consonants G N F R N C -> G, F, R
      expect(cf.slice(3, 6)).toBe('GFR');
    });

    it('pads short names with vowels and X, ignores accents, apostrophes and spaces', () => {
      expect(
        generateCodiceFiscale({
          cognome: "D'Amò",
          nome: 'Lù',
          dataNascita: '1985-12-31',
          sesso: 'M',
          codiceCatastale: 'Z404',
        }).slice(0, 6),
      ).toBe('DMALUX');
      expect(
        generateCodiceFiscale({
          cognome: 'De Luca',
          nome: 'Ugo',
          dataNascita: '1985-12-31',
          sesso: 'M',
          codiceCatastale: 'A001',
        }).slice(0, 6),
      ).toBe('DLCGUO');
    });

    it('refuses impossible dates and malformed codici catastali', () => {
      const base = { cognome: 'Rossi', nome: 'Mario', sesso: 'M' as const, codiceCatastale: 'H501' };
      expect(() => generateCodiceFiscale({ ...base, dataNascita: '1980-02-30' })).toThrow(RangeError);
      expect(() => generateCodiceFiscale({ ...base, dataNascita: '01/01/1980' })).toThrow(RangeError);
      expect(() => generateCodiceFiscale({ ...base, dataNascita: '1980-01-01', codiceCatastale: 'Roma' })).toThrow(
        RangeError,
      );
    });
  });

  describe('omocodia', () => {
    const input = {
      cognome: 'Moretti',
      nome: 'Matteo',
      dataNascita: '1925-04-09',
      sesso: 'M' as const,
      codiceCatastale: 'F205',
    };

    it('replaces digits from the rightmost one and recomputes the check character', () => {
      expect(generateCodiceFiscale(input)).toBe('MRTMTT25D09F205Z');
      expect(generateCodiceFiscale({ ...input, omocodia: 1 })).toBe('MRTMTT25D09F20RU');
      expect(generateCodiceFiscale({ ...input, omocodia: 7 })).toBe('MRTMTTNRDLVFNLRV');
    });

    it('accepts every omocode variant as valid and reads the same data from it', () => {
      for (let level = 0; level <= 7; level++) {
        const cf = generateCodiceFiscale({ ...input, omocodia: level });
        expect(isValidCodiceFiscale(cf)).toBe(true);
        expect(parseCodiceFiscale(cf)).toEqual({
          annoNascita2: 25,
          meseNascita: 4,
          giornoNascita: 9,
          sesso: 'M',
          codiceCatastale: 'F205',
          omocodia: level,
        });
        expect(removeOmocodia(cf)).toBe('MRTMTT25D09F205Z');
      }
    });

    it('refuses letters outside the omocodia alphabet in digit positions', () => {
      // 'A' is not one of L M N P Q R S T U V
      expect(isValidCodiceFiscale('MRTMTT25D09F20AZ')).toBe(false);
    });
  });

  describe('isValidCodiceFiscale', () => {
    it('accepts persons, legal entities, lowercase and spaces', () => {
      expect(isValidCodiceFiscale('RSSMRA80A01H501U')).toBe(true);
      expect(isValidCodiceFiscale(' rssmra80a01h501u ')).toBe(true);
      expect(isValidCodiceFiscale('00097020598')).toBe(true);
      expect(isValidCodiceFiscalePersona('00097020598')).toBe(false);
    });

    it('refuses a wrong check character, a wrong month letter, an impossible day and wrong lengths', () => {
      expect(isValidCodiceFiscale('RSSMRA80A01H501V')).toBe(false);
      expect(isValidCodiceFiscale('RSSMRA80F01H501U')).toBe(false); // F is not a month letter
      // 31 of April (month D) with a correct check character is still refused
      const body = 'RSSMRA80D31H501';
      const anyCheck = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => body + c);
      expect(anyCheck.some((cf) => isValidCodiceFiscale(cf))).toBe(false);
      expect(isValidCodiceFiscale('RSSMRA80A01H501')).toBe(false);
      expect(isValidCodiceFiscale('')).toBe(false);
      expect(isValidCodiceFiscale('03008100000')).toBe(false);
    });
  });

  it('normalizes by removing spaces and upper-casing', () => {
    expect(normalizeCodiceFiscale(' rss mra 80a01 h501u')).toBe('RSSMRA80A01H501U');
  });

  describe('codiceFiscaleFromSpid', () => {
    it('reads TINIT-<CF>', () => {
      expect(codiceFiscaleFromSpid('TINIT-RSSMRA80A01H501U')).toBe('RSSMRA80A01H501U');
      expect(codiceFiscaleFromSpid('tinit-rssmra80a01h501u')).toBe('RSSMRA80A01H501U');
    });

    it('returns null for other forms or invalid codes', () => {
      expect(codiceFiscaleFromSpid('RSSMRA80A01H501U')).toBeNull();
      expect(codiceFiscaleFromSpid('TINIT-RSSMRA80A01H501V')).toBeNull();
      expect(codiceFiscaleFromSpid('PASIT-YA1234567')).toBeNull();
    });
  });
});
