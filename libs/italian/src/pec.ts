/**
 * A PEC address as the providers issue them: a dot-atom local part of letters, digits and `. _ - +`, and a domain
 * of at least two labels. Quoted local parts, comments, IP literals and non-ASCII are valid in RFC 5321 but no PEC
 * provider hands them out, and they are how markup gets into an address: refused.
 */
const LOCAL = /^[a-z0-9](?:[a-z0-9_+-]|\.(?!\.))*[a-z0-9_-]?$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function normalizePec(value: string): string {
  return value.trim().toLowerCase();
}

export function isValidPec(value: string): boolean {
  const pec = normalizePec(value);
  if (pec.length > 254) return false;
  const at = pec.lastIndexOf('@');
  if (at <= 0 || at !== pec.indexOf('@')) return false;
  const local = pec.slice(0, at);
  const labels = pec.slice(at + 1).split('.');
  if (local.length > 64 || !LOCAL.test(local) || local.endsWith('.')) return false;
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && /^[a-z]{2,}$/.test(labels[labels.length - 1]);
}
