import { isValidPartitaIva, normalizePartitaIva } from './partita-iva.js';

describe('partita IVA', () => {
  it('accepts valid numbers, with spaces or the IT prefix', () => {
    expect(isValidPartitaIva('00097020598')).toBe(true);
    expect(isValidPartitaIva('12345678903')).toBe(true);
    expect(isValidPartitaIva('IT 12345678903')).toBe(true);
    expect(normalizePartitaIva('it12345678903')).toBe('12345678903');
  });

  it('refuses a wrong check digit on every position change', () => {
    const valid = '12345678903';
    for (let i = 0; i < 11; i++) {
      const changed = valid.slice(0, i) + String((Number(valid[i]) + 1) % 10) + valid.slice(i + 1);
      expect(isValidPartitaIva(changed)).toBe(false);
    }
  });

  it('refuses wrong lengths, letters and the all-zero matricola', () => {
    expect(isValidPartitaIva('1234567890')).toBe(false);
    expect(isValidPartitaIva('123456789031')).toBe(false);
    expect(isValidPartitaIva('1234567890A')).toBe(false);
    expect(isValidPartitaIva('00000000000')).toBe(false);
    expect(isValidPartitaIva('03008100000')).toBe(false);
  });
});
