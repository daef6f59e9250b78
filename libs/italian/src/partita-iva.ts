/**
 * Partita IVA (and the 11-digit codice fiscale of legal entities, same algorithm): 7 digits of matricola,
 * 3 of the issuing office, 1 check digit (Luhn-like).
 */

/** Digits only: spaces removed, and the `IT` VAT prefix dropped. */
export function normalizePartitaIva(value: string): string {
  return value
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/^IT(?=\d{11}$)/, '');
}

export function isValidPartitaIva(value: string): boolean {
  const piva = normalizePartitaIva(value);
  if (!/^\d{11}$/.test(piva) || piva.startsWith('0000000')) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = piva.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      sum += digit;
    } else {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (sum % 10)) % 10 === piva.charCodeAt(10) - 48;
}
